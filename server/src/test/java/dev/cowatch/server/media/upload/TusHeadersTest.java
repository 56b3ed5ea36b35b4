package dev.cowatch.server.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.platform.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TusHeadersTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(Runnable r, String message) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(Refusal.class, e -> {
      assertThat(e.status()).isEqualTo(Refusal.Kind.BAD_REQUEST.status());
      assertThat(e.type()).isEqualTo("invalid-upload");
    }).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,1", "007,7", "' 42 ',42", "9223372036854775807,9223372036854775807"})
  void number_readsNonNegativeDecimals(String value, long expected) {
    assertThat(TusHeaders.number("Upload-Length", value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "-1", "+1", "1.0", "1e3", "0x10", "12a", "9223372036854775808",
      "99999999999999999999"})
  void number_refusesAnythingElse(String value) {
    refused(() -> TusHeaders.number("Upload-Offset", value), "Upload-Offset");
  }

  @Test
  void number_isRequired() {
    refused(() -> TusHeaders.number("Upload-Length", null), "Upload-Length is required");
  }

  @Test
  void metadata_decodesBase64Utf8Values_andKeysWithoutValue() {
    Map<String, String> m = TusHeaders.metadata("filename " + b64("Ferien 2024 – Nizza.mkv") + ",is_confidential,"
        + "title " + b64("Фильм") + ", filetype " + b64("video/x-matroska"));
    assertThat(m).containsExactly(Map.entry("filename", "Ferien 2024 – Nizza.mkv"), Map.entry("is_confidential", ""),
        Map.entry("title", "Фильм"), Map.entry("filetype", "video/x-matroska"));
    assertThat(TusHeaders.metadata(null)).isEmpty();
    assertThat(TusHeaders.metadata("  ")).isEmpty();
  }

  @Test
  void metadata_refusesMalformedPairs() {
    refused(() -> TusHeaders.metadata("filename !!!"), "not Base64");
    refused(() -> TusHeaders.metadata("filename " + b64("a") + ",filename " + b64("b")), "twice");
    refused(() -> TusHeaders.metadata("filename " + b64("a") + ",,title " + b64("b")), "empty pair");
    refused(() -> TusHeaders.metadata("file" + "\u00e9" + " " + b64("a")), "ASCII");
    refused(() -> TusHeaders.metadata("k".repeat(65) + " " + b64("a")), "1-64");
    refused(() -> TusHeaders.metadata("filename " + b64("a") + " " + b64("b")), "contains a space");
    refused(() -> TusHeaders.metadata("filename " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28})),
        "not UTF-8");
    refused(() -> TusHeaders.metadata("a " + "A".repeat(TusHeaders.MAX_METADATA_CHARS)), "longer than");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= TusHeaders.MAX_METADATA_PAIRS; i++) many.append(i == 0 ? "" : ",").append("k").append(i);
    refused(() -> TusHeaders.metadata(many.toString()), "more than 32");
  }

  @Test
  void declaration_takesNameTypeTitleAndChecksum_withDefaults() {
    String sha = "AB".repeat(32);
    UploadDeclaration d = UploadDeclaration.parse("1000", "filename " + b64("/home/ann/Holiday.2024.MKV")
        + ",filetype " + b64("Video/X-Matroska") + ",sha256 " + b64(sha) + ",name " + b64("ignored"), null);
    assertThat(d).isEqualTo(new UploadDeclaration(1000, "Holiday.2024.MKV", "video/x-matroska", "Holiday.2024",
        "ab".repeat(32)));
    UploadDeclaration bare = UploadDeclaration.parse("5", null, null);
    assertThat(bare).isEqualTo(new UploadDeclaration(5, "file", "application/octet-stream", "file", null));
    assertThat(UploadDeclaration.parse("5", "title " + b64("  My film  "), null).title()).isEqualTo("My film");
    assertThat(UploadDeclaration.parse("5", "filename " + b64(".mkv"), null).title()).isEqualTo(".mkv");
  }

  @Test
  void declaration_refusesZeroOrDeferredLength_aBadTitleOrChecksum() {
    refused(() -> UploadDeclaration.parse("0", null, null), "empty file");
    refused(() -> UploadDeclaration.parse(null, null, "1"), "Upload-Defer-Length");
    refused(() -> UploadDeclaration.parse("5", "title " + b64("   "), null), "title");
    refused(() -> UploadDeclaration.parse("5", "title " + b64("x".repeat(201)), null), "title");
    refused(() -> UploadDeclaration.parse("5", "sha256 " + b64("abc"), null), "sha256");
    refused(() -> UploadDeclaration.parse("5", "sha256 " + b64("g".repeat(64)), null), "sha256");
  }
}
