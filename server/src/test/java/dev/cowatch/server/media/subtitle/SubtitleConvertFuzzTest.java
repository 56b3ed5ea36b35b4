package dev.cowatch.server.media.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;
import java.nio.charset.StandardCharsets;

/**
 * Any file as an uploaded subtitle track: converted, or refused with a SubtitleException (422), never
 * another exception. What comes out is WebVTT within the limits, with cues in order, and reads back
 * as itself: converting the converted file changes nothing.
 */
class SubtitleConvertFuzzTest {
  private static final SubtitleLimits LIMITS = new SubtitleLimits(64 * 1024, 500, 20);
  private static final SubtitleConverter CONVERTER = new SubtitleConverter(LIMITS);

  @FuzzTest(maxDuration = "15s")
  void anyFile_isConvertedToWebVttThatReadsBackAsItself_orRefused(byte[] file) {
    FuzzRuns.count(getClass());
    SubtitleConverter.Converted converted;
    try {
      converted = CONVERTER.convert(file);
    } catch (SubtitleException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(converted.vtt()).startsWith("WEBVTT");
    assertThat(converted.cues()).isBetween(1, LIMITS.maxCues());
    assertThat(converted.sourceFormat()).isIn("srt", "vtt");
    SubtitleConverter.Converted again = CONVERTER.convert(converted.vtt().getBytes(StandardCharsets.UTF_8));
    assertThat(again.vtt()).as("the converted file converts to itself").isEqualTo(converted.vtt());
    assertThat(again.cues()).isEqualTo(converted.cues());
  }
}
