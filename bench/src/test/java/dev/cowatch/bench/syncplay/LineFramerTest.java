package dev.cowatch.bench.syncplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {
  private final LineFramer framer = new LineFramer();
  private final List<String> lines = new ArrayList<>();

  private void feed(String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    // An offset into a bigger buffer, as the loop's shared read buffer gives.
    byte[] padded = new byte[b.length + 6];
    System.arraycopy(b, 0, padded, 3, b.length);
    framer.feed(padded, 3, b.length, (bytes, off, len) -> lines.add(new String(bytes, off, len, StandardCharsets.UTF_8)));
  }

  @Test
  void crlfLines_inOneRead_comeOutWithoutTheirLineEnds() throws IOException {
    feed("{\"Set\": {}}\r\n{\"State\": {}}\r\n");
    assertThat(lines).containsExactly("{\"Set\": {}}", "{\"State\": {}}");
    assertThat(framer.pending()).isZero();
  }

  @Test
  void aLineCutAnywhere_evenBetweenCrAndLf_comesOutWhole() throws IOException {
    feed("{\"Hel");
    feed("lo\": 1}\r");
    assertThat(lines).isEmpty();
    assertThat(framer.pending()).isEqualTo(13);
    feed("\n{\"State\"");
    assertThat(lines).containsExactly("{\"Hello\": 1}");
    feed(": 2}\r\n");
    assertThat(lines).containsExactly("{\"Hello\": 1}", "{\"State\": 2}");
  }

  @Test
  void loneLf_endsALineToo_andEmptyLinesAreKept() throws IOException {
    feed("a\n\r\nb\n");
    assertThat(lines).containsExactly("a", "", "b");
  }

  @Test
  void aLineLongerThanTheLimit_isAnError_notAnEndlessBuffer() {
    String chunk = "x".repeat(64 * 1024);
    assertThatThrownBy(() -> {
      for (int i = 0; i <= LineFramer.MAX_LINE / chunk.length(); i++) feed(chunk);
    }).isInstanceOf(IOException.class).hasMessageContaining("longer than");
    assertThat(lines).isEmpty();
  }
}
