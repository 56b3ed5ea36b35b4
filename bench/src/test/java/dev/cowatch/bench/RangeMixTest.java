package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeMixTest {
  private static final long GIB = 1L << 30;

  @Test
  void sameSeed_asksForTheSameRanges_otherSeedForOthers() {
    RangeMix a = new RangeMix(GIB, 42);
    RangeMix b = new RangeMix(GIB, 42);
    RangeMix c = new RangeMix(GIB, 43);
    List<RangeMix.Request> fromA = new ArrayList<>();
    List<RangeMix.Request> fromB = new ArrayList<>();
    List<RangeMix.Request> fromC = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      fromA.add(a.next());
      fromB.add(b.next());
      fromC.add(c.next());
    }
    assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromC);
  }

  @Test
  void everyRange_isInsideTheFile_andItsHeaderNamesItsBytes() {
    RangeMix mix = new RangeMix(GIB, 1);
    for (int i = 0; i < 10_000; i++) {
      RangeMix.Request r = mix.next();
      assertThat(r.first()).isBetween(0L, GIB - 1);
      assertThat(r.length()).isBetween(1L, RangeMix.MAX_BYTES);
      assertThat(r.first() + r.length()).isLessThanOrEqualTo(GIB);
      assertThat(r.header()).isEqualTo(expectedHeader(r, GIB));
    }
  }

  @Test
  void mix_isMostlyClosedRanges_withSomeOpenNearTheEnd_andSomeSuffixes() {
    RangeMix mix = new RangeMix(GIB, 2);
    int closed = 0;
    int open = 0;
    int suffix = 0;
    for (int i = 0; i < 10_000; i++) {
      RangeMix.Request r = mix.next();
      if (r.header().startsWith("bytes=-")) {
        suffix++;
        assertThat(r.length()).isBetween(RangeMix.MIN_BYTES, RangeMix.MAX_BYTES);
      } else if (r.header().endsWith("-")) {
        open++;
        assertThat(r.first()).isGreaterThanOrEqualTo(GIB - RangeMix.MAX_BYTES);
      } else {
        closed++;
        assertThat(r.length()).isBetween(RangeMix.MIN_BYTES, RangeMix.MAX_BYTES);
      }
    }
    // 70/15/15 of 10,000 draws: each share within 2 points of its expectation.
    assertThat(closed).isBetween(6_800, 7_200);
    assertThat(open).isBetween(1_300, 1_700);
    assertThat(suffix).isBetween(1_300, 1_700);
  }

  @Test
  void fileSmallerThanTheRanges_isAskedForInPiecesThatFit() {
    long size = 100_000; // below MIN_BYTES
    RangeMix mix = new RangeMix(size, 3);
    for (int i = 0; i < 1_000; i++) {
      RangeMix.Request r = mix.next();
      assertThat(r.first()).isBetween(0L, size - 1);
      assertThat(r.first() + r.length()).isLessThanOrEqualTo(size);
      assertThat(r.header()).isEqualTo(expectedHeader(r, size));
    }
  }

  @Test
  void oneByteFile_isAskedForItsOnlyByte() {
    RangeMix.Request r = new RangeMix(1, 4).next();
    assertThat(r.first()).isZero();
    assertThat(r.length()).isEqualTo(1);
    assertThat(r.contentRange(1)).isEqualTo("bytes 0-0/1");
  }

  @Test
  void contentRange_isWhatA206MustCarry() {
    assertThat(new RangeMix.Request("bytes=10-19", 10, 10).contentRange(100)).isEqualTo("bytes 10-19/100");
    assertThat(new RangeMix.Request("bytes=-5", 95, 5).contentRange(100)).isEqualTo("bytes 95-99/100");
  }

  /** The header each kind must carry: suffix "-n", open "a-", closed "a-b". */
  private static String expectedHeader(RangeMix.Request r, long size) {
    if (r.header().startsWith("bytes=-")) return "bytes=-" + r.length();
    if (r.header().endsWith("-")) return "bytes=" + r.first() + "-";
    assertThat(r.first() + r.length()).isLessThanOrEqualTo(size);
    return "bytes=" + r.first() + "-" + (r.first() + r.length() - 1);
  }
}
