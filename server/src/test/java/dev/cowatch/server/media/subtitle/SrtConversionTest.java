package dev.cowatch.server.media.subtitle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SRT in, WebVTT out: the lenient reading players do, exact timings, and clear errors. */
class SrtConversionTest {
  private final SubtitleConverter converter = new SubtitleConverter(SubtitleLimits.DEFAULTS);

  private String vtt(String srt) {
    return converter.convert(srt.getBytes(StandardCharsets.UTF_8)).vtt();
  }

  static Stream<Arguments> srtToVtt() {
    return Stream.of(
        Arguments.of("a plain file", """
            1
            00:00:01,000 --> 00:00:02,500
            Hello.

            2
            00:00:03,250 --> 00:00:05,000
            Two
            lines.
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.500
            Hello.

            00:00:03.250 --> 00:00:05.000
            Two
            lines.
            """),
        Arguments.of("CRLF line endings", "1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nThere\r\n",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n00:00:03.000 --> 00:00:04.000\nThere\n"),
        Arguments.of("old Mac CR line endings", "1\r00:00:01,000 --> 00:00:02,000\rHi\r",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n"),
        Arguments.of("missing blank lines: the number before a timing line is its cue number", """
            1
            00:00:01,000 --> 00:00:02,000
            One
            2
            00:00:02,000 --> 00:00:03,000
            Two
            00:00:03,000 --> 00:00:04,000
            Three, unnumbered
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            One

            00:00:02.000 --> 00:00:03.000
            Two

            00:00:03.000 --> 00:00:04.000
            Three, unnumbered
            """),
        Arguments.of("dot, colon and short milliseconds; hours of one digit", """
            0:00:01.5 --> 0:00:02.25
            Dot
            00:00:03:007 --> 00:00:04:999
            Colon
            """, """
            WEBVTT

            00:00:01.500 --> 00:00:02.250
            Dot

            00:00:03.007 --> 00:00:04.999
            Colon
            """),
        Arguments.of("position hints after the end time are ignored", "1\n00:00:01,000 --> 00:00:02,000 X1:100 X2:600 Y1:50 Y2:90\nHi\n",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n"),
        Arguments.of("out-of-order cues stay in file order, timings untouched", """
            2
            00:10:00,000 --> 00:10:02,000
            Later

            1
            00:00:01,000 --> 00:00:02,000
            Earlier
            """, """
            WEBVTT

            00:10:00.000 --> 00:10:02.000
            Later

            00:00:01.000 --> 00:00:02.000
            Earlier
            """),
        Arguments.of("the longest timestamps", "1\n99:59:59,999 --> 99:59:59,999\nEnd\n",
            "WEBVTT\n\n99:59:59.999 --> 99:59:59.999\nEnd\n"),
        Arguments.of("font dropped, b/i/u kept, markup and ampersands escaped", """
            1
            00:00:01,000 --> 00:00:02,000
            <font color="#ff0000">Red</font> <i>and</i> <B>bold</B>
            Tom & Jerry <3 <script>alert(1)</script>
            """, """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            Red <i>and</i> <b>bold</b>
            Tom &amp; Jerry &lt;3 &lt;script&gt;alert(1)&lt;/script&gt;
            """),
        Arguments.of("SubStation positioning dropped, text arrows escaped", "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}On top --> here\n",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOn top --&gt; here\n"),
        Arguments.of("a line that held only markup goes, so the cue is not cut short", """
            1
            00:00:01,000 --> 00:00:02,000
            <font color="red"></font>
            Still here
            """, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nStill here\n"),
        Arguments.of("unclosed tags are closed at the end of the cue", "1\n00:00:01,000 --> 00:00:02,000\n<i>one\n<b>two\n",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>one\n<b>two</b></i>\n"),
        Arguments.of("a leading byte-order mark and a trailing file without newline", "\uFEFF1\n00:00:01,000 --> 00:00:02,000\nLast",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nLast\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("srtToVtt")
  void srt_becomesThisWebVtt(String what, String srt, String expected) {
    assertThat(vtt(srt)).isEqualTo(expected);
  }

  @Test
  void theResult_saysWhatWasRead() {
    SubtitleConverter.Converted c = converter.convert(TextDecodingTest.RUSSIAN.getBytes(Charset.forName("windows-1251")));
    assertThat(c.sourceFormat()).isEqualTo("srt");
    assertThat(c.sourceCharset()).isEqualTo("windows-1251");
    assertThat(c.cues()).isEqualTo(2);
    assertThat(c.warnings()).isEmpty();
    assertThat(c.vtt()).isEqualTo("""
        WEBVTT

        00:00:01.000 --> 00:00:03.500
        Привет! Как дела?
        Всё хорошо, спасибо.

        00:00:04.000 --> 00:00:06.000
        Пойдём в кино сегодня вечером?
        """);
  }

  @Test
  void aFrenchWindows1252File_comesOutAsUtf8Text() {
    SubtitleConverter.Converted c = converter.convert(TextDecodingTest.FRENCH.getBytes(Charset.forName("windows-1252")));
    assertThat(c.sourceCharset()).isEqualTo("windows-1252");
    assertThat(new String(c.bytes(), StandardCharsets.UTF_8)).contains("Où est la gare, s'il vous plaît ?",
        "Là-bas, à côté du café.", "c'était très gentil");
  }

  @Test
  void aCueEndingBeforeItStarts_isSkippedWithAWarning_andStrayTextIsReported() {
    SubtitleConverter.Converted c = converter.convert("""
        stray words
        1
        00:00:05,000 --> 00:00:04,000
        Backwards

        2
        00:00:06,000 --> 00:00:07,000
        Fine
        """.getBytes(StandardCharsets.UTF_8));
    assertThat(c.cues()).isEqualTo(1);
    assertThat(c.vtt()).isEqualTo("WEBVTT\n\n00:00:06.000 --> 00:00:07.000\nFine\n");
    assertThat(c.warnings()).containsExactly("line 1: text outside any cue ignored",
        "line 3: the cue ends before it starts; skipped");
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("hours over 99", "1\n100:00:00,000 --> 100:00:01,000\nx\n", "line 2: a timestamp has at most 99 hours"),
        Arguments.of("minutes over 59", "1\n00:60:00,000 --> 00:61:00,000\nx\n", "line 2: minutes and seconds"),
        Arguments.of("seconds over 59", "1\n00:00:61,000 --> 00:00:62,000\nx\n", "line 2: minutes and seconds"),
        Arguments.of("plain text", "Just some notes.\nNothing timed here.\n", "neither SRT nor WebVTT"),
        Arguments.of("an empty file", "", "neither SRT nor WebVTT"),
        Arguments.of("JSON", "{\"cues\": []}", "neither SRT nor WebVTT"),
        Arguments.of("a WebVTT header with junk", "WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", "starts with 'WEBVTT'"),
        Arguments.of("a WebVTT file without cues", "WEBVTT\n\nNOTE nothing here\n", "no cues"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFiles_areRefusedClearly(String what, String text, String message) {
    assertThatThrownBy(() -> vtt(text)).isInstanceOf(SubtitleException.class).hasMessageContaining(message);
  }

  @Test
  void limits_fileSizeAndCueCount() {
    SubtitleConverter small = new SubtitleConverter(new SubtitleLimits(200, 2, 20));
    assertThatThrownBy(() -> small.convert(new byte[201])).isInstanceOf(SubtitleException.class)
        .hasMessage("a subtitle file may be at most 200 bytes");
    String three = "00:00:01,000 --> 00:00:02,000\na\n\n00:00:02,000 --> 00:00:03,000\nb\n\n"
        + "00:00:03,000 --> 00:00:04,000\nc\n";
    assertThatThrownBy(() -> small.convert(three.getBytes(StandardCharsets.UTF_8))).isInstanceOf(SubtitleException.class)
        .hasMessage("more than 2 cues in one file");
    assertThat(small.convert(three.substring(0, three.lastIndexOf("\n\n")).getBytes(StandardCharsets.UTF_8)).cues())
        .isEqualTo(2);
  }

  @Test
  void theDefaultLimits_areTheIssues() {
    assertThat(SubtitleLimits.DEFAULTS).isEqualTo(new SubtitleLimits(2 * 1024 * 1024, 20_000, 20));
  }

  @Test
  void markupThatExplodes_pastTheConvertedLimit_isRefused() {
    SubtitleConverter small = new SubtitleConverter(new SubtitleLimits(1000, 10, 20));
    String srt = "00:00:01,000 --> 00:00:02,000\n" + "&".repeat(900) + "\n";
    assertThatThrownBy(() -> small.convert(srt.getBytes(StandardCharsets.UTF_8))).isInstanceOf(SubtitleException.class)
        .hasMessageContaining("converted file would be larger");
  }
}
