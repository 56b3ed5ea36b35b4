package dev.cowatch.server.room.redis;

import dev.cowatch.server.room.bus.Broadcast;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Broadcast} as the bytes of one pub/sub message, with the node that sent it (whose own
 * connections already have it). Binary rather than JSON: the payloads are already encoded JSON, and
 * wrapping them again would double the work of the hottest path.
 */
final class BroadcastFrames {
  /** A frame as received: who sent it and what. */
  record Frame(String origin, Broadcast broadcast) {}

  private BroadcastFrames() {}

  static byte[] write(String origin, Broadcast b) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(b.utf8().length + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(origin);
      out.writeByte(b.kind().ordinal());
      writeNullable(out, b.memberId());
      out.writeInt(b.closeCode());
      out.writeLong(b.chatLine());
      out.writeLong(b.revision());
      writeBytes(out, b.utf8());
      writeBytes(out, b.whole());
      Map<String, byte[]> personal = b.personal();
      out.writeInt(personal == null ? -1 : personal.size());
      if (personal != null) {
        for (Map.Entry<String, byte[]> e : personal.entrySet()) {
          out.writeUTF(e.getKey());
          writeBytes(out, e.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Frame read(byte[] frame) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
      String origin = in.readUTF();
      Broadcast.Kind kind = Broadcast.Kind.values()[in.readByte()];
      String memberId = readNullable(in);
      int closeCode = in.readInt();
      long chatLine = in.readLong();
      long revision = in.readLong();
      byte[] utf8 = readBytes(in);
      byte[] whole = readBytes(in);
      int personalCount = in.readInt();
      Map<String, byte[]> personal = null;
      if (personalCount >= 0) {
        personal = new HashMap<>();
        for (int i = 0; i < personalCount; i++) personal.put(in.readUTF(), readBytes(in));
      }
      String json = new String(utf8, StandardCharsets.UTF_8);
      return new Frame(origin, new Broadcast(kind, json, memberId, closeCode, utf8, whole,
          personal == null ? null : Map.copyOf(personal), chatLine, revision));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a broadcast frame: " + e.getMessage(), e);
    }
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) out.writeUTF(s);
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) return null;
    return in.readNBytes(n);
  }
}
