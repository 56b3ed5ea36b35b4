package dev.cowatch.server.room.bus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One message for every connection of a room, encoded once by the node that decided it.
 *
 * @param kind TIMELINE and PRESENCE are state: a connection that is behind keeps only the latest
 * @param memberId for ENDED: the member whose connection must close; otherwise null (everyone)
 * @param closeCode for ENDED: the WebSocket close code to end it with
 * @param utf8 {@code json} encoded, shared by every connection that writes it; never modified
 * @param whole for PRESENCE_CHANGES: the whole member list (UTF-8), for a connection that has not
 *     yet been sent the previous presence; otherwise null
 * @param personal for PERSONAL: by member id, the message (UTF-8) for that member's connection alone;
 *     otherwise null
 * @param chatLine for an EVENT about the chat: the id of the line it carries (&gt; 0), or {@link #ABOUT_CHAT}
 *     (a deletion or reaction); {@link #NOT_CHAT} otherwise. A joining connection holds these back until it
 *     has sent the history, and drops the lines the history already had.
 * @param revision for PRESENCE: the room's revision the list was made from; in a cluster, where nodes send presence
 *     without the room's lease, a node hands its connections no list older than one it handed them. For TIMELINE: the
 *     timeline's version, by which a node that may have missed one (its channel came back after Redis was away) knows
 *     whether the room's timeline is newer than what its connections were handed. Otherwise 0
 */
public record Broadcast(Kind kind, String json, String memberId, int closeCode, byte[] utf8, byte[] whole,
    Map<String, byte[]> personal, long chatLine, long revision) {
  public static final long NOT_CHAT = 0;
  public static final long ABOUT_CHAT = -1;

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
    /**
     * A message of its own for some members (each member's entry, in a room that does not list it):
     * one broadcast for all of them, so the room's connections are walked once.
     */
    PERSONAL,
    /** The member (or, with a null memberId, everyone) was removed: send {@code json}, then close. */
    ENDED
  }

  public Broadcast(Kind kind, String json, String memberId, int closeCode) {
    this(kind, json, memberId, closeCode, json.getBytes(StandardCharsets.UTF_8), null, null, NOT_CHAT, 0);
  }

  /** The whole member list, made from the room at {@code revision}. */
  public static Broadcast presence(String json, long revision) {
    return new Broadcast(Kind.PRESENCE, json, null, 0, json.getBytes(StandardCharsets.UTF_8), null, null, NOT_CHAT,
        revision);
  }

  public Broadcast(Kind kind, String json) {
    this(kind, json, null, 0);
  }

  /** The room's timeline at {@code version}. */
  public static Broadcast timeline(String json, long version) {
    return new Broadcast(Kind.TIMELINE, json, null, 0, json.getBytes(StandardCharsets.UTF_8), null, null, NOT_CHAT,
        version);
  }

  /** Changes to the member list, with the whole list for connections that are behind. */
  public static Broadcast presenceChanges(String json, String wholeJson) {
    return new Broadcast(Kind.PRESENCE_CHANGES, json, null, 0, json.getBytes(StandardCharsets.UTF_8),
        wholeJson.getBytes(StandardCharsets.UTF_8), null, NOT_CHAT, 0);
  }

  /** {@code jsonByMember}: each member's own message; members not in it get nothing. */
  public static Broadcast personal(Map<String, String> jsonByMember) {
    Map<String, byte[]> utf8 = new HashMap<>();
    jsonByMember.forEach((member, json) -> utf8.put(member, json.getBytes(StandardCharsets.UTF_8)));
    return new Broadcast(Kind.PERSONAL, "", null, 0, new byte[0], null, Map.copyOf(utf8), NOT_CHAT, 0);
  }

  /** {@code memberId}'s own message of a PERSONAL broadcast as a read-only view, or null if it has none. */
  public ByteBuffer personalPayload(String memberId) {
    byte[] mine = memberId == null ? null : personal.get(memberId);
    return mine == null ? null : ByteBuffer.wrap(mine).asReadOnlyBuffer();
  }

  /** An EVENT about the chat; {@code chatLine} as the record says. */
  public static Broadcast chat(String json, long chatLine) {
    return new Broadcast(Kind.EVENT, json, null, 0, json.getBytes(StandardCharsets.UTF_8), null, null, chatLine, 0);
  }

  /** Whether this is an EVENT about the chat (a line, a deletion, a reaction). */
  public boolean isAboutChat() {
    return chatLine != NOT_CHAT;
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
