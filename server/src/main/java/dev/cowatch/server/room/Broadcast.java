package dev.cowatch.server.room;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message for every connection of a room, encoded once by the node that decided it.
 *
 * @param kind TIMELINE and PRESENCE are state: a connection that is behind keeps only the latest
 * @param memberId for ENDED: the member whose connection must close; otherwise null (everyone)
 * @param closeCode for ENDED: the WebSocket close code to end it with
 * @param utf8 {@code json} encoded, shared by every connection that writes it; never modified
 * @param whole for PRESENCE_CHANGES: the whole member list (UTF-8), for a connection that has not
 *     yet been sent the previous presence; otherwise null
 */
public record Broadcast(Kind kind, String json, String memberId, int closeCode, byte[] utf8, byte[] whole) {
  public enum Kind {
    TIMELINE,
    /** The whole member list. */
    PRESENCE,
    /**
     * Changes to the member list the connection was last sent; one that has not been sent the
     * previous presence yet gets {@link #whole} instead.
     */
    PRESENCE_CHANGES,
    EVENT,
    /** The member (or, with a null memberId, everyone) was removed: send {@code json}, then close. */
    ENDED
  }

  public Broadcast(Kind kind, String json, String memberId, int closeCode) {
    this(kind, json, memberId, closeCode, json.getBytes(StandardCharsets.UTF_8), null);
  }

  public Broadcast(Kind kind, String json) {
    this(kind, json, null, 0);
  }

  /** Changes to the member list, with the whole list for connections that are behind. */
  public static Broadcast presenceChanges(String json, String wholeJson) {
    return new Broadcast(Kind.PRESENCE_CHANGES, json, null, 0, json.getBytes(StandardCharsets.UTF_8),
        wholeJson.getBytes(StandardCharsets.UTF_8));
  }

  public static Broadcast ended(String memberId, String json, int closeCode) {
    return new Broadcast(Kind.ENDED, json, memberId, closeCode);
  }

  /**
   * The message as UTF-8, encoded once for every member: each connection gets its own read-only
   * view of the same bytes.
   */
  public ByteBuffer payload() {
    return ByteBuffer.wrap(utf8).asReadOnlyBuffer();
  }

  /** {@link #whole} as a read-only view, as {@link #payload}. */
  public ByteBuffer wholePayload() {
    return ByteBuffer.wrap(whole).asReadOnlyBuffer();
  }
}
