package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServedTypeTest {

  @ParameterizedTest
  @ValueSource(strings = {"video/mp4", "video/webm", "audio/ogg", "video/x-matroska", "audio/mpeg"})
  void videoAndAudio_areServedAsTheyAre_inline(String type) {
    assertThat(ServedType.of(type)).isEqualTo(new ServedType(type, false));
  }

  /** Issue 51, finding 3: what a browser would render as a document, or any type not a plain video or audio one. */
  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/pdf",
      "image/png", "text/plain", "application/octet-stream", "video/mp4; charset=utf-8", "video/mp4\ntext/html",
      "Video/MP4", "video/", "audio", "", "videos/mp4", "text/html;video/mp4"})
  void anythingElse_isAnAttachment_ofNoType(String type) {
    assertThat(ServedType.of(type)).isEqualTo(new ServedType("application/octet-stream", true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"video/mp4", "video/webm"})
  void aProbedType_isRecorded(String type) {
    assertThat(ServedType.recorded(Optional.of(type))).isEqualTo(type);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"text/html", "image/svg+xml"})
  void noProbedType_recordsNone_whateverWasDeclared(String probed) {
    assertThat(ServedType.recorded(Optional.ofNullable(probed))).isEqualTo("application/octet-stream");
  }
}
