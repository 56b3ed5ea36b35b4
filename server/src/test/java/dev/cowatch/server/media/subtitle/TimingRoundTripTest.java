package dev.cowatch.server.media.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever timings an SRT file has and however sloppily it is laid out, the WebVTT made
 * from it has exactly those timings, in the same order, and reading that WebVTT again changes
 * nothing. Seeded, so a failure names the seed that reproduces it.
 */
class TimingRoundTripTest {
  private static final long MAX_MS = 100L * 3_600_000 - 1;
  private final SubtitleConverter converter = new SubtitleConverter(SubtitleLimits.DEFAULTS);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1_000, 20_251_121, 7_777_777, 123_456_789})
  void srtTimings_surviveConversion_exactly(long seed) {
    Random random = new Random(seed);
    for (int file = 0; file < 25; file++) {
      List<long[]> timings = new ArrayList<>();
      int count = 1 + random.nextInt(60);
      for (int i = 0; i < count; i++) {
        long start = edgeOrRandom(random);
        long end = Math.min(MAX_MS, start + random.nextInt(10_000));
        timings.add(new long[] {start, end});
      }
      String srt = sloppySrt(timings, random);

      SubtitleConverter.Converted vtt = converter.convert(srt.getBytes(StandardCharsets.UTF_8));
      assertThat(timingsOf(vtt.vtt())).as("seed %d file %d:%n%s", seed, file, srt)
          .containsExactlyElementsOf(timings.stream().map(t -> t[0] + "-" + t[1]).toList());
      SubtitleConverter.Converted again = converter.convert(vtt.bytes());
      assertThat(again.vtt()).as("WebVTT read back").isEqualTo(vtt.vtt());
    }
  }

  /** Now and then the values where off-by-one errors live: 0, second and hour boundaries, the maximum. */
  private static long edgeOrRandom(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> 0;
      case 1 -> MAX_MS;
      case 2 -> Math.max(0, 3_600_000L * random.nextInt(100) - (random.nextBoolean() ? 1 : 0));
      case 3 -> 1000L * random.nextInt(360_000);
      default -> (long) (random.nextDouble() * MAX_MS);
    };
  }

  /** SRT as found in the wild: LF or CRLF, comma or dot, numbers and blank lines sometimes missing. */
  private static String sloppySrt(List<long[]> timings, Random random) {
    String nl = random.nextBoolean() ? "\n" : "\r\n";
    StringBuilder sb = new StringBuilder();
    int n = 1;
    for (long[] t : timings) {
      if (random.nextInt(4) > 0) sb.append(n).append(nl);
      char sep = random.nextBoolean() ? ',' : '.';
      sb.append(srtTime(t[0], sep)).append(" --> ").append(srtTime(t[1], sep)).append(nl);
      sb.append("Line ").append(n).append(" <i>with</i> & text").append(nl);
      if (random.nextBoolean()) sb.append("second line").append(nl);
      if (random.nextInt(5) > 0) sb.append(nl);
      n++;
    }
    return sb.toString();
  }

  private static String srtTime(long ms, char sep) {
    return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60,
        ms / 1000 % 60, sep, ms % 1000);
  }

  private static List<String> timingsOf(String vtt) {
    List<String> out = new ArrayList<>();
    for (String line : vtt.split("\n")) {
      if (!line.contains(" --> ")) continue;
      String[] parts = line.split(" --> ");
      out.add(ms(parts[0]) + "-" + ms(parts[1]));
    }
    return out;
  }

  private static long ms(String vttTime) {
    String[] hms = vttTime.split("[:.]");
    return ((Long.parseLong(hms[0]) * 60 + Long.parseLong(hms[1])) * 60 + Long.parseLong(hms[2])) * 1000
        + Long.parseLong(hms[3]);
  }
}
