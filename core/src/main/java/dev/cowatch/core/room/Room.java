package dev.cowatch.core.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * A room's whole state, immutable. Changed only through {@link RoomDecider}.
 *
 * @param members in joining order
 * @param waitDeadlineMs while WAITING: when the room stops waiting; otherwise 0
 * @param revision bumped on every change; the store's compare-and-set key (the timeline's
 *     version moves only with the timeline)
 */
public record Room(
    RoomId id,
    RoomSettings settings,
    Timeline timeline,
    List<Member> members,
    long waitDeadlineMs,
    long revision) {

  public Room {
    members = List.copyOf(members);
  }

  public static Room create(RoomId id, RoomSettings settings, long nowMs) {
    return create(id, settings, null, nowMs);
  }

  /** A new room, optionally with its first media already chosen (null for none). */
  public static Room create(RoomId id, RoomSettings settings, String mediaId, long nowMs) {
    if (mediaId != null && (mediaId.isBlank() || mediaId.length() > ControlRules.MAX_MEDIA_ID_LENGTH)) {
      throw new IllegalArgumentException("mediaId must be 1-" + ControlRules.MAX_MEDIA_ID_LENGTH + " characters");
    }
    return new Room(id, settings, new Timeline(mediaId, PlaybackState.PAUSED, 0, nowMs, 1.0, 0), List.of(), 0, 0);
  }

  public Optional<Member> member(MemberId memberId) {
    return members.stream().filter(m -> m.id().equals(memberId)).findFirst();
  }

  public Optional<Member> host() {
    return members.stream().filter(m -> m.role() == Role.HOST).findFirst();
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
    return new Room(id, settings, t, members, t.state() == PlaybackState.WAITING ? waitDeadlineMs : 0, revision);
  }

  Room waitingUntil(Timeline t, long deadlineMs) {
    return new Room(id, settings, t, members, deadlineMs, revision);
  }

  Room withMembers(List<Member> newMembers) {
    return new Room(id, settings, timeline, newMembers, waitDeadlineMs, revision);
  }

  Room updateMember(MemberId memberId, UnaryOperator<Member> change) {
    List<Member> next = new ArrayList<>(members.size());
    for (Member m : members) next.add(m.id().equals(memberId) ? change.apply(m) : m);
    return withMembers(next);
  }

  Room mapMembers(UnaryOperator<Member> change) {
    return withMembers(members.stream().map(change).toList());
  }

  Room nextRevision() {
    return new Room(id, settings, timeline, members, waitDeadlineMs, revision + 1);
  }
}
