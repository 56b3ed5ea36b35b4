package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.media.ByteRange.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

  /**
   * header | size | expected: {@code none}, {@code ignored}, {@code 416} or {@code first-last}. A header
   * written {@code <null>} is absent.
   */
  @ParameterizedTest(name = "[{index}] ''{0}'' of {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "<null>", ignoreLeadingAndTrailingWhitespace = false, textBlock = """
      <null>|1000|none
      bytes=0-99|1000|0-99
      bytes=0-0|1000|0-0
      bytes=999-999|1000|999-999
      bytes=500-|1000|500-999
      bytes=0-|1000|0-999
      bytes=999-|1000|999-999
      bytes=-500|1000|500-999
      bytes=-1|1000|999-999
      bytes=-1000|1000|0-999
      bytes=-1001|1000|0-999
      bytes=-99999999999|1000|0-999
      bytes=0-999|1000|0-999
      bytes=0-1000|1000|0-999
      bytes=900-5000|1000|900-999
      bytes=0-99999999999999999999|1000|0-999
      bytes=0-9223372036854775807|1000|0-999
      bytes=-99999999999999999999|1000|0-999
      bytes=99999999999999999999-|1000|416
      bytes=99999999999999999999-99999999999999999999|1000|416
      bytes=1000-|1000|416
      bytes=1000-1000|1000|416
      bytes=5000-6000|1000|416
      bytes=-0|1000|416
      bytes=0-|0|416
      bytes=0-0|0|416
      bytes=-0|0|416
      bytes=-5|0|ignored
      BYTES=0-99|1000|0-99
      Bytes=10-19|1000|10-19
      bytes = 0-99|1000|0-99
      ' bytes=0-99 '|1000|0-99
      bytes= 0 - 99|1000|0-99
      bytes=0-99,|1000|0-99
      bytes=,0-99|1000|0-99
      'bytes=0-99, '|1000|0-99
      'bytes=0-1, 5-6'|1000|ignored
      bytes=0-1,5-6|1000|ignored
      bytes=0-1,2000-3000|1000|ignored
      bytes=99-0|1000|ignored
      bytes=10-9|1000|ignored
      bytes=|1000|ignored
      bytes=-|1000|ignored
      bytes=,|1000|ignored
      bytes=abc|1000|ignored
      bytes=a-b|1000|ignored
      bytes=1-b|1000|ignored
      bytes=+1-5|1000|ignored
      bytes=1-+5|1000|ignored
      bytes=--5|1000|ignored
      bytes=0x10-20|1000|ignored
      bytes=1.5-2|1000|ignored
      bytes=5|1000|ignored
      bytes 0-99|1000|ignored
      items=0-99|1000|ignored
      byte\u017f=0-99|1000|ignored
      BYTE\u017f=-0|1000|ignored
      =0-99|1000|ignored
      ''|1000|ignored
      bytes=0-99|100|0-99
      bytes=50-|100|50-99
      bytes=-1|1|0-0
      bytes=0-|1|0-0
      bytes=1-|1|416
      """)
  void parse(String header, long size, String expected) {
    Verdict v = ByteRange.parse(header, size);
    switch (expected) {
      case "none" -> assertThat(v).isInstanceOf(ByteRange.None.class);
      case "ignored" -> assertThat(v).isInstanceOf(ByteRange.Ignored.class);
      case "416" -> assertThat(v).isInstanceOf(ByteRange.Unsatisfiable.class);
      default -> {
        String[] p = expected.split("-");
        assertThat(v).isEqualTo(new ByteRange.Satisfiable(new ByteRange(Long.parseLong(p[0]), Long.parseLong(p[1]))));
      }
    }
  }

  @Test
  void satisfiable_givesLengthAndContentRange() {
    ByteRange r = ((ByteRange.Satisfiable) ByteRange.parse("bytes=-500", 1000)).range();
    assertThat(r.length()).isEqualTo(500);
    assertThat(r.contentRange(1000)).isEqualTo("bytes 500-999/1000");
  }

  @Test
  void rangeOfLargeFile_isNotClampedBelowItsSize() {
    long size = 50L * 1024 * 1024 * 1024;
    assertThat(ByteRange.parse("bytes=" + (size - 10) + "-", size))
        .isEqualTo(new ByteRange.Satisfiable(new ByteRange(size - 10, size - 1)));
  }

  @Test
  void invalidRanges_andNegativeSizes_areRefused() {
    assertThatThrownBy(() -> new ByteRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteRange(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=0-1", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
