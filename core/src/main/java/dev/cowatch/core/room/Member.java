package dev.cowatch.core.room;

/**
 * A participant of a room: one session of a user (the same user may be present twice, e.g. on a
 * phone and a laptop). Its role is the user's role in the room's {@link Roster}.
 *
 * @param joinedAtMs server time of joining; orders members and picks the next host
 * @param disconnectedAtMs server time the connection was lost, or 0 while connected
 * @param driftMs last reported error of the member's player against the timeline; null if unknown, and from the
 *     moment the player is not ready (buffering, loading, waiting for a click) until it reports again: a player
 *     waiting has no error against the timeline, and its last one shown beside its name was stale
 * @param rttMs last reported round trip to the server, null if unknown
 * @param client the kind of client when it is not one of Cowatch's own apps (e.g. {@code syncplay}, a
 *     Syncplay client through the server's Syncplay endpoint), shown beside the name; null otherwise
 * @param corrections what its player reported correcting since this connection began (never null)
 * @param soundDelayMs the viewer's sound delay as last reported (core.sync.SoundDelay), 0 for none
 */
public record Member(
    MemberId id,
    UserId userId,
    String displayName,
    Role role,
    Connection connection,
    Readiness readiness,
    long joinedAtMs,
    long disconnectedAtMs,
    Double driftMs,
    Double rttMs,
    String client,
    Corrections corrections,
    int soundDelayMs) {

  public static final int MAX_NAME_LENGTH = 40;

  public Member {
    if (corrections == null) corrections = Corrections.NONE;
  }

  /** A member that has reported no sound delay. */
  public Member(MemberId id, UserId userId, String displayName, Role role, Connection connection, Readiness readiness,
      long joinedAtMs, long disconnectedAtMs, Double driftMs, Double rttMs, String client, Corrections corrections) {
    this(id, userId, displayName, role, connection, readiness, joinedAtMs, disconnectedAtMs, driftMs, rttMs, client,
        corrections, 0);
  }

  /** A member that has reported no corrections. */
  public Member(MemberId id, UserId userId, String displayName, Role role, Connection connection, Readiness readiness,
      long joinedAtMs, long disconnectedAtMs, Double driftMs, Double rttMs, String client) {
    this(id, userId, displayName, role, connection, readiness, joinedAtMs, disconnectedAtMs, driftMs, rttMs, client,
        Corrections.NONE);
  }

  /** A member of one of Cowatch's own apps. */
  public Member(MemberId id, UserId userId, String displayName, Role role, Connection connection, Readiness readiness,
      long joinedAtMs, long disconnectedAtMs, Double driftMs, Double rttMs) {
    this(id, userId, displayName, role, connection, readiness, joinedAtMs, disconnectedAtMs, driftMs, rttMs, null);
  }

  public boolean isConnected() {
    return connection == Connection.CONNECTED;
  }

  /** A member the room waits for under the wait-for-everyone policy. */
  boolean holdsRoom() {
    return isConnected() && (readiness == Readiness.BUFFERING || readiness == Readiness.NEEDS_CLICK);
  }

  Member withRole(Role newRole) {
    return new Member(id, userId, displayName, newRole, connection, readiness, joinedAtMs, disconnectedAtMs, driftMs, rttMs, client, corrections, soundDelayMs);
  }

  Member withReadiness(Readiness r) {
    Double drift = r == Readiness.READY ? driftMs : null;
    return new Member(id, userId, displayName, role, connection, r, joinedAtMs, disconnectedAtMs, drift, rttMs, client, corrections, soundDelayMs);
  }

  Member disconnected(long nowMs) {
    return new Member(id, userId, displayName, role, Connection.DISCONNECTED, readiness, joinedAtMs, nowMs, driftMs, rttMs, client, corrections, soundDelayMs);
  }

  /** Back after a lost connection: its player's state is unknown until it reports, so it does not hold the room. */
  Member reconnected() {
    Readiness r = readiness == Readiness.BUFFERING || readiness == Readiness.NEEDS_CLICK ? Readiness.CATCHING_UP : readiness;
    return new Member(id, userId, displayName, role, Connection.CONNECTED, r, joinedAtMs, 0, null, null, client, Corrections.NONE, 0);
  }

  Member withStats(double drift, double rtt, int moreNudges, int moreSeeks, int newSoundDelayMs) {
    return new Member(id, userId, displayName, role, connection, readiness, joinedAtMs, disconnectedAtMs, drift, rtt, client,
        corrections.plus(moreNudges, moreSeeks), newSoundDelayMs);
  }
}
