package dev.cowatch.server.media.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cue text made safe: only b, i and u survive as markup; everything else is text or gone. */
class CueTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plain                    | Hello there            | Hello there",
      "kept tags, any case      | <I>a</I> <u>b</u>      | <i>a</i> <u>b</u>",
      "stray close tag          | a</b> b                | a b",
      "crossed tags nest        | <b><i>x</b>y</i>       | <b><i>x</i></b>y",
      "less-than in text        | 1 < 2 and 3 > 2        | 1 &lt; 2 and 3 &gt; 2",
      "heart                    | <3                     | &lt;3",
      "ampersand                | R&D                    | R&amp;D",
      "SRT entities are text    | &amp;                  | &amp;amp;",
      "script tag is text       | <script>x</script>     | &lt;script&gt;x&lt;/script&gt;",
      "font with attributes     | `<font face=\"x\">f</font>` | f",
      "control characters go    | `a\u0000b\u0007c`      | abc",
      "tab stays                | `a\tb`                 | `a\tb`",
  })
  void srtLine(String what, String in, String out) {
    assertThat(CueText.fromSrt(List.of(in))).isEqualTo(out);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "entities stay            | &lt;&amp;&gt;&nbsp;&lrm;&rlm; | &lt;&amp;&gt;&nbsp;&lrm;&rlm;",
      "other entities escaped   | &eacute; &#60;         | &amp;eacute; &amp;#60;",
      "ruby goes, text stays    | <ruby>漢<rt>kan</rt></ruby> | 漢kan",
      "SubStation is only SRT's | {\\an8}x               | {\\an8}x",
  })
  void vttLine(String what, String in, String out) {
    assertThat(CueText.fromVtt(List.of(in))).isEqualTo(out);
  }
}
