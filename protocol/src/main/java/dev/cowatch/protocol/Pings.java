package dev.cowatch.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The message every connection sends once a second, read and answered without the general codec.
 * A ping in the exact form the clients write, {@code {"type":"ping","t0":<digits>}}, is read here
 * straight from its bytes, and its pong is written as bytes; anything else (spaces, other fields,
 * a negative or fractional {@code t0}) is left to {@link JsonCodec}, which reads it or explains
 * what is wrong. Jackson's parser, generator and their contexts were most of what a ping cost the
 * server in allocation, at tens of thousands of pings a second.
 */
public final class Pings {
  private static final byte[] PING_PREFIX = "{\"type\":\"ping\",\"t0\":".getBytes(StandardCharsets.US_ASCII);
  /** At most 18 digits: any such number fits in a long. */
  private static final int MAX_DIGITS = 18;

  private Pings() {}

  /**
   * The {@code t0} of a ping in the clients' form, or -1 when the text is anything else. Reads the
   * buffer's remaining bytes without moving its position.
   */
  public static long canonicalT0(ByteBuffer utf8) {
    int start = utf8.position();
    int digits = utf8.remaining() - PING_PREFIX.length - 1;
    if (digits < 1 || digits > MAX_DIGITS) return -1;
    for (int i = 0; i < PING_PREFIX.length; i++) {
      if (utf8.get(start + i) != PING_PREFIX[i]) return -1;
    }
    int first = start + PING_PREFIX.length;
    if (utf8.get(first + digits) != '}') return -1;
    // JSON has no leading zeros: "0" is a number, "012" is not (the codec says why).
    if (digits > 1 && utf8.get(first) == '0') return -1;
    long t0 = 0;
    for (int i = first; i < first + digits; i++) {
      byte b = utf8.get(i);
      if (b < '0' || b > '9') return -1;
      t0 = t0 * 10 + (b - '0');
    }
    return t0;
  }

  /** The pong to a ping, as {@link JsonCodec} would encode {@link ServerMessage.Pong}, in UTF-8. */
  public static byte[] pong(long t0, long t1, long t2) {
    // Written digit by digit into one array: a string built and then encoded was a tenth of what
    // the server allocated while holding twenty thousand viewers.
    byte[] out = new byte[PONG_T0.length + PONG_T1.length + PONG_T2.length + 1 + length(t0) + length(t1) + length(t2)];
    int at = put(out, 0, PONG_T0);
    at = put(out, at, t0);
    at = put(out, put(out, at, PONG_T1), t1);
    at = put(out, put(out, at, PONG_T2), t2);
    out[at] = '}';
    return out;
  }

  private static final byte[] PONG_T0 = "{\"type\":\"pong\",\"t0\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG_T1 = ",\"t1\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG_T2 = ",\"t2\":".getBytes(StandardCharsets.US_ASCII);

  /** How many characters {@code v} takes in decimal, with its sign. */
  private static int length(long v) {
    if (v == Long.MIN_VALUE) return 20;
    int n = v < 0 ? 2 : 1;
    for (long rest = Math.abs(v); rest >= 10; rest /= 10) n++;
    return n;
  }

  private static int put(byte[] out, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  /** Writes {@code v} in decimal at {@code at}; returns where it ends. */
  private static int put(byte[] out, int at, long v) {
    int end = at + length(v);
    int i = end;
    // Digits from the last, on the negative side so that Long.MIN_VALUE needs no special case.
    long rest = v < 0 ? v : -v;
    do {
      out[--i] = (byte) ('0' - rest % 10);
      rest /= 10;
    } while (rest != 0);
    if (v < 0) out[--i] = '-';
    return end;
  }
}
