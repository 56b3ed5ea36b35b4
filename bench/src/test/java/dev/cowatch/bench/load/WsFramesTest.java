package dev.cowatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's framing, read back with the header parser as a server would. */
class WsFramesTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 200_000})
  void aMaskedFrame_unmasksToItsPayload_atEveryLengthEncoding(int length) {
    byte[] payload = new byte[length];
    for (int i = 0; i < length; i++) payload[i] = (byte) ('a' + i % 26);
    ByteBuffer frame = WsFrames.clientFrame(WsFrames.OP_TEXT, payload, 0x12345678);
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);
    WsFrames.Header h = WsFrames.header(bytes, 0, bytes.length);
    assertThat(h).isNotNull();
    assertThat(h.fin()).isTrue();
    assertThat(h.masked()).isTrue();
    assertThat(h.opcode()).isEqualTo(WsFrames.OP_TEXT);
    assertThat(h.payloadLength()).isEqualTo(length);
    assertThat(bytes.length).isEqualTo(h.headerBytes() + length);
    byte[] key = {0x12, 0x34, 0x56, 0x78};
    byte[] unmasked = new byte[length];
    for (int i = 0; i < length; i++) unmasked[i] = (byte) (bytes[h.headerBytes() + i] ^ key[i & 3]);
    assertThat(unmasked).isEqualTo(payload);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 9})
  void aHeaderCutShort_isNotReadYet(int available) {
    byte[] bytes = new byte[10];
    ByteBuffer frame = WsFrames.clientFrame(WsFrames.OP_TEXT, new byte[70_000], 1);
    frame.get(bytes);
    assertThat(WsFrames.header(bytes, 0, available)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"type\":\"pong\"}", "héllo"})
  void anUnmaskedServerFrame_isReadWhole(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[2 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) payload.length;
    System.arraycopy(payload, 0, frame, 2, payload.length);
    WsFrames.Header h = WsFrames.header(frame, 0, frame.length);
    assertThat(h.masked()).isFalse();
    assertThat(new String(frame, h.headerBytes(), (int) h.payloadLength(), StandardCharsets.UTF_8)).isEqualTo(text);
  }
}
