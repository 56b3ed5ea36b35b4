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

/** Which encoding a subtitle file is read in: byte-order marks, UTF-8, and the 8-bit guess. */
class TextDecodingTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final Charset KOI8R = Charset.forName("KOI8-R");

  static final String RUSSIAN = """
      1
      00:00:01,000 --> 00:00:03,500
      Привет! Как дела?
      Всё хорошо, спасибо.

      2
      00:00:04,000 --> 00:00:06,000
      Пойдём в кино сегодня вечером?
      """;
  static final String FRENCH = """
      1
      00:00:01,000 --> 00:00:03,500
      Où est la gare, s'il vous plaît ?
      Là-bas, à côté du café.

      2
      00:00:04,000 --> 00:00:06,000
      Merci, c'était très gentil de votre part.
      """;
  static final String GERMAN = "1\n00:00:01,000 --> 00:00:02,000\nSchöne Grüße aus München, bis später!\n";
  static final String SPANISH = "1\n00:00:01,000 --> 00:00:02,000\n¿Qué pasó? ¡Mañana será otro día, señor!\n";
  static final String UKRAINIAN = "1\n00:00:01,000 --> 00:00:02,000\nДобрий вечір, ми з України. Їжак їсть яблуко.\n";
  static final String CAPS_RUSSIAN = "1\n00:00:01,000 --> 00:00:02,000\nВНИМАНИЕ! ПОЕЗД ОТПРАВЛЯЕТСЯ С ПЕРВОГО ПУТИ.\n";

  static Stream<Arguments> legacyFiles() {
    return Stream.of(
        Arguments.of("Russian in windows-1251", RUSSIAN, CP1251),
        Arguments.of("Russian in KOI8-R", RUSSIAN, KOI8R),
        Arguments.of("Russian capitals in windows-1251", CAPS_RUSSIAN, CP1251),
        Arguments.of("Russian capitals in KOI8-R", CAPS_RUSSIAN, KOI8R),
        Arguments.of("Ukrainian in windows-1251", UKRAINIAN, CP1251),
        Arguments.of("French in windows-1252", FRENCH, CP1252),
        Arguments.of("German in windows-1252", GERMAN, CP1252),
        Arguments.of("Spanish in windows-1252", SPANISH, CP1252));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("legacyFiles")
  void legacyEncoding_isGuessed_andTheTextComesBackExactly(String what, String text, Charset written) {
    TextDecoding.Decoded d = TextDecoding.decode(text.getBytes(written));
    assertThat(d.charset()).isEqualTo(written.name());
    assertThat(d.text()).isEqualTo(text);
  }

  @Test
  void theGuess_prefersTheRightReading_byAClearMargin() {
    byte[] russian = RUSSIAN.getBytes(CP1251);
    double right = LegacyCharsets.score(new String(russian, CP1251));
    double asWestern = LegacyCharsets.score(new String(russian, CP1252));
    double asKoi8 = LegacyCharsets.score(new String(russian, KOI8R));
    assertThat(right).isGreaterThan(asWestern + 10).isGreaterThan(asKoi8 + 10);

    byte[] french = FRENCH.getBytes(CP1252);
    assertThat(LegacyCharsets.score(new String(french, CP1252)))
        .isGreaterThan(LegacyCharsets.score(new String(french, CP1251)) + 10);
  }

  @Test
  void onlyPunctuationOutsideAscii_readsAsWindows1252() {
    // 0x85 is "…" and 0x92 "’" in windows-1252: common in English subtitles saved by old editors.
    byte[] bytes = "1\n00:00:01,000 --> 00:00:02,000\nWait\u2026 it\u2019s you.\n".getBytes(CP1252);
    TextDecoding.Decoded d = TextDecoding.decode(bytes);
    assertThat(d.charset()).isEqualTo("windows-1252");
    assertThat(d.text()).contains("Wait\u2026 it\u2019s you.");
  }

  @Test
  void validUtf8_isUtf8_withOrWithoutByteOrderMark() {
    String text = FRENCH + RUSSIAN + "日本語 😀";
    assertThat(TextDecoding.decode(text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new TextDecoding.Decoded(text, "UTF-8"));
    byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
    assertThat(TextDecoding.decode(withBom)).isEqualTo(new TextDecoding.Decoded(text, "UTF-8"));
  }

  @Test
  void utf16_isReadByItsByteOrderMark_eitherWay() {
    String text = RUSSIAN + FRENCH;
    byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
    byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
    assertThat(TextDecoding.decode(le)).isEqualTo(new TextDecoding.Decoded(text, "UTF-16LE"));
    assertThat(TextDecoding.decode(be)).isEqualTo(new TextDecoding.Decoded(text, "UTF-16BE"));
  }

  @Test
  void aByteOrderMarkThatLies_isAClearError() {
    byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, FRENCH.getBytes(CP1252));
    assertThatThrownBy(() -> TextDecoding.decode(bytes)).isInstanceOf(SubtitleException.class)
        .hasMessageContaining("UTF-8 byte-order mark but is not valid UTF-8");
  }

  @Test
  void nulBytes_areRefused_asBinaryOrUtf16WithoutMark() {
    byte[] utf16NoBom = "1\n00:00:01,000 --> 00:00:02,000\nHi\n".getBytes(StandardCharsets.UTF_16LE);
    assertThatThrownBy(() -> TextDecoding.decode(utf16NoBom)).isInstanceOf(SubtitleException.class)
        .hasMessageContaining("NUL bytes");
  }

  @Test
  void bytesNoCandidateDecodes_areReadAsKoi8r_whichDefinesAll256_butScorePoorly() {
    // 0x81 is undefined in windows-1252 and 0x98 in windows-1251; KOI8-R has box drawing there.
    byte[] odd = {(byte) 0x81, (byte) 0x98, 'a'};
    assertThat(TextDecoding.decode(odd).charset()).isEqualTo("KOI8-R");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
