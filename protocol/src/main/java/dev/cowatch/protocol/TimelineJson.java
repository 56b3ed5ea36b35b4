package dev.cowatch.protocol;

/**
 * Writes {@link ServerMessage.TimelineUpdate}, the message every member of a room gets after each
 * play, pause and seek, without Jackson, in exactly the form {@link JsonCodec} would (tested on
 * seeded random values, odd strings included). Intents are rare, so Jackson's serializer for them
 * is never hot: its dozens of classes had to be fetched from memory again for each one, and
 * writing the timeline took 40-150 µs of the 1-2 ms an intent took to reach a room of 100.
 * A rate that is not a finite number is left to Jackson, which writes it as a string.
 */
final class TimelineJson {
  private TimelineJson() {}

  /** True when {@link #write} can write {@code m}; otherwise use Jackson. */
  static boolean canWrite(ServerMessage.TimelineUpdate m) {
    return m.timeline() != null && Double.isFinite(m.timeline().rate());
  }

  static String write(ServerMessage.TimelineUpdate m) {
    ServerMessage.TimelineView t = m.timeline();
    StringBuilder b = new StringBuilder(160).append("{\"type\":\"timeline\",\"timeline\":{");
    boolean first = field(b, true, "mediaId", t.mediaId());
    first = field(b, first, "state", t.state());
    b.append(first ? "" : ",").append("\"anchorPositionMs\":").append(t.anchorPositionMs())
        .append(",\"anchorTimeMs\":").append(t.anchorTimeMs())
        .append(",\"rate\":").append(t.rate())
        .append(",\"version\":").append(t.version()).append('}');
    ServerMessage.CauseView c = m.cause();
    if (c != null) {
      b.append(",\"cause\":{");
      first = field(b, true, "memberId", c.memberId());
      first = field(b, first, "intent", c.intent());
      field(b, first, "name", c.name());
      b.append('}');
    }
    return b.append('}').toString();
  }

  /** Writes {@code "name":"value"} unless value is null (the codec leaves nulls out); says whether still first. */
  private static boolean field(StringBuilder b, boolean first, String name, String value) {
    if (value == null) return first;
    if (!first) b.append(',');
    string(b.append('"').append(name).append("\":"), value);
    return false;
  }

  /** A JSON string as Jackson writes one: quotes, backslashes and control characters escaped. */
  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (ch < 0x20) {
            b.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xF]);
          } else {
            b.append(ch);
          }
        }
      }
    }
    b.append('"');
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
