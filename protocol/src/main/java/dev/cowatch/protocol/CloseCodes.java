package dev.cowatch.protocol;

/** WebSocket close codes Cowatch uses (docs/protocol.md, "Closing"). */
public final class CloseCodes {
  /** The client said bye, or the server shuts down. */
  public static final int NORMAL = 1000;
  public static final int GOING_AWAY = 1001;
  /** The hello could not be decided now (in a cluster, Redis does not answer): reconnect in a moment (RFC 6455 §7.4.1). */
  public static final int TRY_AGAIN_LATER = 1013;
  /** A frame larger than the limit (RFC 6455). */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** No hello within the hello timeout, or a fatal protocol error. */
  public static final int PROTOCOL_ERROR = 4000;
  /** Nothing received for the dead-connection time: heartbeats stopped. */
  public static final int HEARTBEAT_TIMEOUT = 4001;
  /** The connection could not keep up with what the room sends. */
  public static final int SLOW_CONSUMER = 4002;
  /** Far more messages than the rate limit allows. */
  public static final int FLOOD = 4003;
  /** The same member connected again elsewhere with its resume token. */
  public static final int REPLACED = 4004;
  /** The hello was refused because the room is at its member limit. */
  public static final int ROOM_FULL = 4005;
  /** A moderator or the owner removed the member. */
  public static final int KICKED = 4006;
  /** The member was banned from the room. */
  public static final int BANNED = 4007;
  /** The hello's token was forged, expired or revoked, or the room refused entry (see the error). */
  public static final int UNAUTHORIZED = 4401;
  /** The hello was refused: banned, private, password or no guests (the error says which). */
  public static final int FORBIDDEN = 4403;
  /** The room was deleted, or never existed. */
  public static final int ROOM_NOT_FOUND = 4404;

  /**
   * Closes after which reconnecting cannot help, so a client stops (docs/protocol.md §12). Not in it:
   * the transient ones, and {@link #UNAUTHORIZED}, which a client that can get a new access token
   * retries with that token (the web app), and one whose token is fixed treats as final (client-java).
   * The web app's twin (web/src/protocol.ts, FINAL_CLOSES) is kept equal by WebContractTest.
   */
  public static final java.util.Set<Integer> FINAL = java.util.Set.of(NORMAL, PROTOCOL_ERROR, FLOOD, REPLACED,
      ROOM_FULL, KICKED, BANNED, FORBIDDEN, ROOM_NOT_FOUND);

  private CloseCodes() {}
}
