package dev.cowatch.bench.load;

import java.nio.ByteBuffer;

/**
 * RFC 6455 framing, the client's half: masked frames out, unmasked frames in. Only what the load
 * generator needs (no extensions); the mask is the frame's XOR key, not a secret.
 */
final class WsFrames {
  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  private WsFrames() {}

  /** A final, masked frame holding {@code payload}. */
  static ByteBuffer clientFrame(int opcode, byte[] payload, int mask) {
    int len = payload.length;
    int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
    ByteBuffer b = ByteBuffer.allocate(header + 4 + len);
    b.put((byte) (0x80 | opcode));
    if (len < 126) {
      b.put((byte) (0x80 | len));
    } else if (len < 65536) {
      b.put((byte) (0x80 | 126)).putShort((short) len);
    } else {
      b.put((byte) (0x80 | 127)).putLong(len);
    }
    b.putInt(mask);
    byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
    for (int i = 0; i < len; i++) b.put((byte) (payload[i] ^ key[i & 3]));
    return b.flip();
  }

  /**
   * A frame's header as read from {@code buf} at {@code pos}, or null when the bytes so far do not
   * hold the whole header.
   */
  static Header header(byte[] buf, int pos, int limit) {
    if (limit - pos < 2) return null;
    int b0 = buf[pos] & 0xFF;
    int b1 = buf[pos + 1] & 0xFF;
    boolean masked = (b1 & 0x80) != 0;
    long len = b1 & 0x7F;
    int at = pos + 2;
    if (len == 126) {
      if (limit - at < 2) return null;
      len = ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
      at += 2;
    } else if (len == 127) {
      if (limit - at < 8) return null;
      len = 0;
      for (int i = 0; i < 8; i++) len = (len << 8) | (buf[at + i] & 0xFF);
      at += 8;
    }
    if (masked) at += 4;
    return new Header((b0 & 0x80) != 0, b0 & 0x0F, masked, at - pos, len);
  }

  /** @param headerBytes bytes before the payload; @param payloadLength bytes of payload */
  record Header(boolean fin, int opcode, boolean masked, int headerBytes, long payloadLength) {}
}
