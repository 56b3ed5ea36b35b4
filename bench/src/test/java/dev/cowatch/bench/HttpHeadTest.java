package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTest {
  private static final String HEAD = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-9/100\r\n"
      + "content-length: 10\r\nConnection: keep-alive\r\n\r\n";

  @Test
  void parse_readsTheStatus_andHeadersByAnyCase() {
    HttpHead h = HttpHead.parse(HEAD.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(h.status()).isEqualTo(206);
    assertThat(h.header("content-range")).isEqualTo("bytes 0-9/100");
    assertThat(h.contentLength()).isEqualTo(10);
    assertThat(h.closes()).isFalse();
  }

  @Test
  void connectionClose_isNoticed() {
    HttpHead h = HttpHead.parse("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(h.closes()).isTrue();
    assertThat(h.contentLength()).isEqualTo(-1);
  }

  @Test
  void end_findsTheBlankLine_onlyOnceItHasArrived() {
    byte[] bytes = (HEAD + "body").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buf = ByteBuffer.allocateDirect(256).put(bytes);
    assertThat(HttpHead.end(buf, HEAD.length() - 1)).isEqualTo(-1);
    assertThat(HttpHead.end(buf, bytes.length)).isEqualTo(HEAD.length());
  }

  @Test
  void somethingElse_isRefused() {
    assertThatThrownBy(() -> HttpHead.parse("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpHead.parse("HTTP/1.1 abc\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
