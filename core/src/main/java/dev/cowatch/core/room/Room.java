package dev.cowatch.core.room;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * A room's whole state, immutable. Changed only through {@link RoomDecider}.
 *
 * @param roster who holds which role, who is banned: outlives every connection
 * @param subtitleTrack the subtitle track everyone is shown (a track of the timeline's media), null
 *     for none; each member may still hide it locally
 * @param queue the videos to play next, in order
 * @param members in joining order
 * @param waitDeadlineMs while WAITING: when the room stops waiting; otherwise 0
 * @param revision bumped on every change; the store's compare-and-set key (the timeline's
 *     version moves only with the timeline)
 */
public record Room(
    RoomId id,
    RoomSettings settings,
    Roster roster,
    Timeline timeline,
    String subtitleTrack,
    List<QueueItem> queue,
    List<Member> members,
    long waitDeadlineMs,
    long revision) {

  public Room {
    queue = queue == null ? List.of() : List.copyOf(queue);
    members = List.copyOf(members);
  }

  /** A room with a subtitle choice and an empty queue. */
  public Room(RoomId id, RoomSettings settings, Roster roster, Timeline timeline, String subtitleTrack,
      List<Member> members, long waitDeadlineMs, long revision) {
    this(id, settings, roster, timeline, subtitleTrack, List.of(), members, waitDeadlineMs, revision);
  }

  /** A room showing no subtitles (as every room did before they existed). */
  public Room(RoomId id, RoomSettings settings, Roster roster, Timeline timeline, List<Member> members,
      long waitDeadlineMs, long revision) {
    this(id, settings, roster, timeline, null, List.of(), members, waitDeadlineMs, revision);
  }

  /** A new room owned by {@code owner}, optionally with its first media already chosen (null for none). */
  public static Room create(RoomId id, RoomSettings settings, Roster owner, String mediaId, long nowMs) {
    if (mediaId != null && (mediaId.isBlank() || mediaId.length() > ControlRules.MAX_MEDIA_ID_LENGTH)) {
      throw new IllegalArgumentException("mediaId must be 1-" + ControlRules.MAX_MEDIA_ID_LENGTH + " characters");
    }
    return new Room(id, settings, owner, new Timeline(mediaId, PlaybackState.PAUSED, 0, nowMs, 1.0, 0), null, List.of(),
        List.of(), 0, 0);
  }

  public Optional<Member> member(MemberId memberId) {
    int at = indexOf(memberId);
    return at < 0 ? Optional.empty() : Optional.of(members.get(at));
  }

  /** A plain loop: every health report looks its member up, in rooms of up to thousands. */
  private int indexOf(MemberId memberId) {
    for (int i = 0, n = members.size(); i < n; i++) {
      if (members.get(i).id().equals(memberId)) return i;
    }
    return -1;
  }

  /** The live sessions of one user. */
  public List<Member> sessionsOf(UserId user) {
    return members.stream().filter(m -> m.userId().equals(user)).toList();
  }

  /** The role a user has here: its roster role, or what a newcomer of its kind gets. */
  public Role roleOf(UserId user, boolean guest) {
    return roster.entry(user).map(RosterEntry::role).orElse(guest ? Role.GUEST : Role.MEMBER);
  }

  public long connectedCount() {
    return members.stream().filter(Member::isConnected).count();
  }

  /** When the room next needs a {@link RoomDecider#tick}: a wait timeout or an expiring grace. */
  public OptionalLong nextDeadline(long reconnectGraceMs) {
    long next = Long.MAX_VALUE;
    if (timeline.state() == PlaybackState.WAITING) next = waitDeadlineMs;
    for (Member m : members) {
      if (!m.isConnected()) next = Math.min(next, m.disconnectedAtMs() + reconnectGraceMs);
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  boolean anyoneHoldsRoom() {
    return members.stream().anyMatch(Member::holdsRoom);
  }

  Room withTimeline(Timeline t) {
    return new Room(id, settings, roster, t, subtitleTrack, queue, members, t.state() == PlaybackState.WAITING ? waitDeadlineMs : 0,
        revision);
  }

  Room waitingUntil(Timeline t, long deadlineMs) {
    return new Room(id, settings, roster, t, subtitleTrack, queue, members, deadlineMs, revision);
  }

  Room withMembers(List<Member> newMembers) {
    return new Room(id, settings, roster, timeline, subtitleTrack, queue, newMembers, waitDeadlineMs, revision);
  }

  Room updateMember(MemberId memberId, UnaryOperator<Member> change) {
    int at = indexOf(memberId);
    if (at < 0) return this;
    Member[] next = members.toArray(new Member[0]);
    next[at] = change.apply(next[at]);
    return withMembers(List.of(next));
  }

  Room mapMembers(UnaryOperator<Member> change) {
    return withMembers(members.stream().map(change).toList());
  }

  Room withRoster(Roster r) {
    return new Room(id, settings, r, timeline, subtitleTrack, queue, members, waitDeadlineMs, revision);
  }

  Room withSettings(RoomSettings s) {
    return new Room(id, s, roster, timeline, subtitleTrack, queue, members, waitDeadlineMs, revision);
  }

  Room withSubtitle(String track) {
    return new Room(id, settings, roster, timeline, track, queue, members, waitDeadlineMs, revision);
  }

  /**
   * Ready for a new video: nobody is still catching up with the old one (everyone loads the new
   * one from its start; a member buffering it says so again).
   */
  Room settledForNewMedia() {
    return mapMembers(m -> m.readiness() == Readiness.CATCHING_UP ? m.withReadiness(Readiness.READY) : m);
  }

  Room withQueue(List<QueueItem> q) {
    return new Room(id, settings, roster, timeline, subtitleTrack, q, members, waitDeadlineMs, revision);
  }

  Room nextRevision() {
    return new Room(id, settings, roster, timeline, subtitleTrack, queue, members, waitDeadlineMs, revision + 1);
  }
}
