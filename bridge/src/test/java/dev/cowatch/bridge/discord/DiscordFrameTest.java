package dev.cowatch.bridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DiscordFrameTest {
  @Test
  void encode_isLittleEndianOpcodeLengthThenJson() {
    byte[] b = new DiscordFrame(DiscordFrame.FRAME, "{\"a\":1}").encode();
    assertThat(b).startsWith(1, 0, 0, 0, 7, 0, 0, 0, '{');
    assertThat(b).hasSize(15);
  }

  @Test
  void read_givesBackWhatEncodeWrote_twoInARow() throws IOException {
    byte[] one = new DiscordFrame(DiscordFrame.HANDSHAKE, "{\"v\":1,\"client_id\":\"42\"}").encode();
    byte[] two = new DiscordFrame(DiscordFrame.PING, "{\"é\":\"ü\"}").encode();
    byte[] both = new byte[one.length + two.length];
    System.arraycopy(one, 0, both, 0, one.length);
    System.arraycopy(two, 0, both, one.length, two.length);
    ByteArrayInputStream in = new ByteArrayInputStream(both);
    assertThat(DiscordFrame.read(in)).isEqualTo(new DiscordFrame(0, "{\"v\":1,\"client_id\":\"42\"}"));
    assertThat(DiscordFrame.read(in)).isEqualTo(new DiscordFrame(3, "{\"é\":\"ü\"}"));
    assertThatThrownBy(() -> DiscordFrame.read(in)).isInstanceOf(EOFException.class);
  }

  @Test
  void read_refusesAbsurdLengthsAndOpcodes() {
    assertThatThrownBy(() -> DiscordFrame.read(new ByteArrayInputStream(new byte[] {1, 0, 0, 0, 0, 0, 0, 0x7f})))
        .isInstanceOf(IOException.class).hasMessageContaining("length");
    assertThatThrownBy(() -> DiscordFrame.read(new ByteArrayInputStream(new byte[] {9, 0, 0, 0, 0, 0, 0, 0})))
        .isInstanceOf(IOException.class).hasMessageContaining("opcode");
    assertThatThrownBy(() -> DiscordFrame.read(new ByteArrayInputStream(new byte[] {1, 0, 0, 0, 5, 0, 0, 0, '{'})))
        .isInstanceOf(EOFException.class);
  }
}
