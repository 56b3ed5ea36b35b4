package dev.cowatch.bridge.discord;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One frame of Discord's local RPC (the IPC transport of discord-rpc and the Game SDK): a
 * little-endian int32 opcode, a little-endian int32 length, then that many bytes of UTF-8 JSON.
 */
public record DiscordFrame(int opcode, String json) {
  public static final int HANDSHAKE = 0;
  public static final int FRAME = 1;
  public static final int CLOSE = 2;
  public static final int PING = 3;
  public static final int PONG = 4;
  /** Discord's own frames are a few KiB; anything this large is not Discord. */
  public static final int MAX_PAYLOAD = 64 * 1024;

  public DiscordFrame {
    if (opcode < HANDSHAKE || opcode > PONG) throw new IllegalArgumentException("unknown opcode " + opcode);
  }

  public byte[] encode() {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    if (payload.length > MAX_PAYLOAD) throw new IllegalArgumentException("frame of " + payload.length + " bytes is too large");
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(opcode).putInt(payload.length).put(payload);
    return b.array();
  }

  /** Reads one frame; EOF before its first byte or in its middle is an {@link EOFException}. */
  public static DiscordFrame read(InputStream in) throws IOException {
    ByteBuffer header = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
    if (header.limit() < 8) throw new EOFException("connection closed");
    int opcode = header.getInt();
    int length = header.getInt();
    if (length < 0 || length > MAX_PAYLOAD) throw new IOException("frame length " + length + " out of range");
    if (opcode < HANDSHAKE || opcode > PONG) throw new IOException("unknown opcode " + opcode);
    byte[] payload = in.readNBytes(length);
    if (payload.length < length) throw new EOFException("connection closed inside a frame");
    return new DiscordFrame(opcode, new String(payload, StandardCharsets.UTF_8));
  }
}
