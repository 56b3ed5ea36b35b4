package dev.cowatch.server.media.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** WebVTT in, WebVTT out: cues and placement kept, everything else dropped or made text. */
class VttConversionTest {
  private final SubtitleConverter converter = new SubtitleConverter(SubtitleLimits.DEFAULTS);

  static Stream<Arguments> vttToVtt() {
    return Stream.of(
        Arguments.of("identifiers, notes and header metadata go; hours are optional", """
            WEBVTT - my film
            Kind: captions

            NOTE made by hand
            over two lines

            intro
            00:01.000 --> 00:02.500
            Hello

            01:00:00.000 --> 01:00:01.000
            An hour in
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.500
            Hello

            01:00:00.000 --> 01:00:01.000
            An hour in
            """),
        Arguments.of("STYLE and REGION blocks go, and region settings with them", """
            WEBVTT

            STYLE
            ::cue { background-image: url(https://tracker.example/pixel) }

            REGION
            id:left width:40%

            00:00:01.000 --> 00:00:02.000 region:left align:start line:90% position:10%,line-left size:35% vertical:rl bogus:1
            Placed
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.000 align:start line:90% position:10%,line-left size:35% vertical:rl
            Placed
            """),
        Arguments.of("a repeated setting counts once; malformed ones go", """
            WEBVTT

            00:00:01.000 --> 00:00:02.000 align:start align:end line:abc position:200 size:50%
            Once
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.000 align:start size:50%
            Once
            """),
        Arguments.of("voice, class, language and timestamp tags go with their text kept; entities stay", """
            WEBVTT

            00:00:01.000 --> 00:00:04.000
            <v Roger Bingham>We are in <c.loud>New York</c> <lang en-GB>now</lang>
            <00:00:02.000>Karaoke &amp; more &lt;3 &nbsp;&copy;
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:04.000
            We are in New York now
            Karaoke &amp; more &lt;3 &nbsp;&amp;copy;
            """),
        Arguments.of("classes on kept tags go; unknown tags become text", """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            <i.red>Styled</i> <img src=x onerror=alert(1)> <a href="javascript:x">link</a>
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            <i>Styled</i> &lt;img src=x onerror=alert(1)&gt; &lt;a href="javascript:x"&gt;link&lt;/a&gt;
            """),
        Arguments.of("a cue right after another without a blank line", """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            First
            00:00:02.000 --> 00:00:03.000
            Second
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            First

            00:00:02.000 --> 00:00:03.000
            Second
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vttToVtt")
  void webVtt_becomesThisSafeWebVtt(String what, String in, String expected) {
    SubtitleConverter.Converted c = converter.convert(in.getBytes(StandardCharsets.UTF_8));
    assertThat(c.sourceFormat()).isEqualTo("vtt");
    assertThat(c.vtt()).isEqualTo(expected);
  }

  @Test
  void malformedTimings_skipTheCue_withWarnings() {
    SubtitleConverter.Converted c = converter.convert("""
        WEBVTT

        00:00:01,000 --> 00:00:02,000
        Comma is SRT, not WebVTT

        00:00:03.000 --> 00:00:04.000
        Kept

        STYLE
        ::cue { color: red }

        just words
        """.getBytes(StandardCharsets.UTF_8));
    assertThat(c.cues()).isEqualTo(1);
    assertThat(c.vtt()).contains("Kept").doesNotContain("Comma").doesNotContain("color");
    assertThat(c.warnings()).containsExactly(
        "line 3: not a WebVTT cue timing (hh:mm:ss.ttt --> hh:mm:ss.ttt); cue skipped",
        "line 9: STYLE block dropped", "line 12: block without a cue timing ignored");
  }

  @Test
  void warnings_stopAtTwenty_andSayHowManyMore() {
    StringBuilder vtt = new StringBuilder("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n");
    for (int i = 0; i < 25; i++) vtt.append("\nnot a cue ").append(i).append('\n');
    SubtitleConverter.Converted c = converter.convert(vtt.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(c.warnings()).hasSize(21).last().isEqualTo("and 5 more");
  }
}
