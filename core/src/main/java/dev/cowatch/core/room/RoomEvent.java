package dev.cowatch.core.room;

/** What happened in a room, for the server to broadcast. */
public sealed interface RoomEvent {

  /** Why the timeline changed. {@code memberId} is null when the room itself decided. */
  record Cause(MemberId memberId, CauseKind kind) {}

  enum CauseKind {
    PLAY,
    PAUSE,
    SEEK,
    SET_RATE,
    SET_MEDIA,
    /** A member started buffering and the room waits. */
    BUFFERING,
    /** A member's browser blocked playback until a click, and the room waits. */
    NEEDS_CLICK,
    /** The last buffering member became ready (or left) and the room resumes. */
    READY,
    /** The room stopped waiting for buffering members. */
    WAIT_TIMEOUT,
    /** The room's programme: a scheduled showing starting, or its next episode. */
    SCHEDULE,
    /** The next video of the queue: asked for by a member, or (no member) the last one ended. */
    NEXT,
    /** The room took the timeline its members played between themselves while the server was away. */
    HAND_BACK
  }

  record TimelineChanged(Timeline timeline, Cause cause) implements RoomEvent {}

  record MemberJoined(Member member) implements RoomEvent {}

  /** The queue changed; {@code by} is null when the room moved on by itself. */
  record QueueChanged(java.util.List<QueueItem> queue, MemberId by) implements RoomEvent {}

  record MemberLeft(MemberId memberId, LeaveReason reason) implements RoomEvent {}

  /** Connection, readiness, role or sync health of a member changed. */
  record MemberChanged(Member member) implements RoomEvent {}

  /** Roles or bans changed: stored, not broadcast as such (role changes also arrive as MemberChanged). */
  record RosterChanged(Roster roster) implements RoomEvent {}

  record SettingsChanged(RoomSettings settings) implements RoomEvent {}

  /**
   * The room's subtitle track changed: chosen by {@code memberId}, or reset to none (null) because
   * the media changed (by {@code memberId}, or by the room itself: null).
   */
  record SubtitleChanged(String trackId, MemberId memberId) implements RoomEvent {}

  enum LeaveReason {
    LEFT,
    /** Did not come back within the reconnect grace. */
    TIMED_OUT,
    /** Removed by a moderator or the owner; may come back if the room lets them. */
    KICKED,
    /** Removed and kept out. */
    BANNED
  }
}
