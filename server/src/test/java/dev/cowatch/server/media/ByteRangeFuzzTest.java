package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;

/**
 * Any {@code Range} header against any size: a verdict, never an exception; a range to send lies
 * inside the representation, and a refusal (416) only when the asked start is past its end.
 */
class ByteRangeFuzzTest {
  @FuzzTest(maxDuration = "15s")
  void anyHeader_getsAVerdictWhoseRangeLiesInsideTheRepresentation(FuzzedDataProvider data) {
    FuzzRuns.count(getClass());
    long size = data.consumeBoolean() ? data.consumeLong(0, 4_096) : data.consumeLong() & Long.MAX_VALUE;
    String header = data.consumeRemainingAsString();
    ByteRange.Verdict verdict = ByteRange.parse(header, size);
    assertThat(verdict).isNotNull().isNotInstanceOf(ByteRange.None.class);
    assertThat(ByteRange.parse(header, size)).as("the same question, the same answer").isEqualTo(verdict);
    switch (verdict) {
      case ByteRange.Satisfiable s -> {
        assertThat(s.range().first()).isBetween(0L, size - 1);
        assertThat(s.range().last()).isBetween(s.range().first(), size - 1);
        assertThat(s.range().contentRange(size)).startsWith("bytes " + s.range().first() + "-");
      }
      case ByteRange.Ignored i -> assertThat(i.reason()).isNotBlank();
      case ByteRange.Unsatisfiable u -> assertThat(header.toLowerCase(java.util.Locale.ROOT)).contains("bytes");
      case ByteRange.None n -> throw new AssertionError("a header is never 'no header'");
    }
  }
}
