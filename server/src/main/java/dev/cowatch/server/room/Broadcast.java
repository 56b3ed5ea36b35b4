package dev.cowatch.server.room;

/**
 * One message for every connection of a room, encoded once by the node that decided it.
 *
 * @param kind TIMELINE and PRESENCE are state: a connection that is behind keeps only the latest
 * @param memberId for ENDED: the member whose connection must close; otherwise null (everyone)
 * @param closeCode for ENDED: the WebSocket close code to end it with
 * @param utf8 {@code json} encoded, shared by every connection that writes it; never modified
 */
public record Broadcast(Kind kind, String json, String memberId, int closeCode, byte[] utf8) {
  public enum Kind {
    TIMELINE,
    PRESENCE,
    EVENT,
    /** The member (or, with a null memberId, everyone) was removed: send {@code json}, then close. */
    ENDED
  }

  public Broadcast(Kind kind, String json, String memberId, int closeCode) {
    this(kind, json, memberId, closeCode, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public Broadcast(Kind kind, String json) {
    this(kind, json, null, 0);
  }

  public static Broadcast ended(String memberId, String json, int closeCode) {
    return new Broadcast(Kind.ENDED, json, memberId, closeCode);
  }

  /**
   * The message as UTF-8, encoded once for every member: each connection gets its own read-only
   * view of the same bytes.
   */
  public java.nio.ByteBuffer payload() {
    return java.nio.ByteBuffer.wrap(utf8).asReadOnlyBuffer();
  }
}
