package dev.cowatch.core.room;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * A room's whole state, immutable. Changed only through {@link RoomDecider}; the {@code with…} methods make the
 * copies its decisions and the stores' readers need, each keeping every other part as it is.
 *
 * @param roster who holds which role, who is banned: outlives every connection
 * @param playback what the room plays and where (timeline, subtitle choice, wait deadline)
 * @param queue the videos to play next, in order
 * @param members in joining order
 * @param revision bumped on every change; the store's compare-and-set key (the timeline's
 *     version moves only with the timeline)
 */
public record Room(
    RoomId id,
    RoomSettings settings,
    Roster roster,
    Playback playback,
    List<QueueItem> queue,
    List<Member> members,
    long revision) {

  public Room {
    java.util.Objects.requireNonNull(playback, "playback");
    queue = queue == null ? List.of() : List.copyOf(queue);
    members = List.copyOf(members);
  }

  public Timeline timeline() {
    return playback.timeline();
  }

  /** The subtitle track everyone is shown, null for none. */
  public String subtitleTrack() {
    return playback.subtitleTrack();
  }

  /** While WAITING: when the room stops waiting; otherwise 0. */
  public long waitDeadlineMs() {
    return playback.waitDeadlineMs();
  }

  /** A new room owned by {@code owner}, optionally with its first media already chosen (null for none). */
  public static Room create(RoomId id, RoomSettings settings, Roster owner, String mediaId, long nowMs) {
    if (mediaId != null && (mediaId.isBlank() || mediaId.length() > ControlRules.MAX_MEDIA_ID_LENGTH)) {
      throw new IllegalArgumentException("mediaId must be 1-" + ControlRules.MAX_MEDIA_ID_LENGTH + " characters");
    }
    return new Room(id, settings, owner, new Playback(new Timeline(mediaId, PlaybackState.PAUSED, 0, nowMs, 1.0, 0), null, 0),
        List.of(), List.of(), 0);
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
    if (playback.timeline().state() == PlaybackState.WAITING) next = playback.waitDeadlineMs();
    for (Member m : members) {
      if (!m.isConnected()) next = Math.min(next, m.disconnectedAtMs() + reconnectGraceMs);
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  boolean anyoneHoldsRoom() {
    return members.stream().anyMatch(Member::holdsRoom);
  }

  /**
   * Whether {@code this} is {@code before} with another playback and revision alone: every other part the very same
   * object (a decision that did not touch a part hands it on as it was). A shared store may then write the playback
   * alone. RoomPartsTest fails when a part is added to the room and not named here.
   */
  public boolean differsOnlyInPlayback(Room before) {
    return id.equals(before.id) && settings == before.settings && roster == before.roster && queue == before.queue
        && members == before.members;
  }

  public Room withPlayback(Playback p) {
    return new Room(id, settings, roster, p, queue, members, revision);
  }

  public Room withTimeline(Timeline t) {
    return withPlayback(playback.withTimeline(t));
  }

  Room waitingUntil(Timeline t, long deadlineMs) {
    return withPlayback(playback.waitingUntil(t, deadlineMs));
  }

  public Room withMembers(List<Member> newMembers) {
    return new Room(id, settings, roster, playback, queue, newMembers, revision);
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

  public Room withRoster(Roster r) {
    return new Room(id, settings, r, playback, queue, members, revision);
  }

  public Room withSettings(RoomSettings s) {
    return new Room(id, s, roster, playback, queue, members, revision);
  }

  Room withSubtitle(String track) {
    return withPlayback(playback.withSubtitle(track));
  }

  /**
   * Ready for a new video: nobody is still catching up with the old one (everyone loads the new
   * one from its start; a member buffering it says so again).
   */
  Room settledForNewMedia() {
    return mapMembers(m -> m.readiness() == Readiness.CATCHING_UP ? m.withReadiness(Readiness.READY) : m);
  }

  public Room withQueue(List<QueueItem> q) {
    return new Room(id, settings, roster, playback, q, members, revision);
  }

  public Room withRevision(long r) {
    return new Room(id, settings, roster, playback, queue, members, r);
  }

  Room nextRevision() {
    return withRevision(revision + 1);
  }
}
