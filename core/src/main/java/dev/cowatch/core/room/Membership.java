package dev.cowatch.core.room;

import dev.cowatch.core.Tolerances;
import java.util.ArrayList;
import java.util.List;

/** Joining, leaving, losing and regaining a connection, health reports and who hosts. */
final class Membership {
  /** Sane bounds for reported health; anything outside is a broken or hostile client. */
  static final double MAX_REPORTED_RTT_MS = 60_000;
  static final double MAX_REPORTED_DRIFT_MS = 24 * 3_600_000.0;

  private final Tolerances tolerances;
  private final RoomDecider decider;

  Membership(Tolerances tolerances, RoomDecider decider) {
    this.tolerances = tolerances;
    this.decider = decider;
  }

  Decision join(Room room, MemberId id, Intent.Join join, long nowMs) {
    if (room.member(id).isPresent()) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT, "already a member");
    }
    String name = join.displayName() == null ? "" : join.displayName().strip();
    if (name.isEmpty() || name.length() > Member.MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT,
          "display name must be 1-" + Member.MAX_NAME_LENGTH + " printable characters");
    }
    if (room.members().size() >= room.settings().maxMembers()) {
      return Decision.rejected(room, ErrorCode.ROOM_FULL, "the room is full");
    }
    Role role = room.host().isPresent() ? Role.MEMBER : Role.HOST;
    // Someone arriving mid-play loads and catches up; the room does not stop for them.
    Readiness readiness = room.timeline().state() == PlaybackState.PAUSED ? Readiness.READY : Readiness.CATCHING_UP;
    Member member = new Member(id, name, role, Connection.CONNECTED, readiness, nowMs, 0, null, null);
    List<Member> members = new ArrayList<>(room.members());
    members.add(member);
    return Decision.accepted(room.withMembers(members), List.of(new RoomEvent.MemberJoined(member)));
  }

  Decision leave(Room room, Member member, long nowMs) {
    return remove(room, member, RoomEvent.LeaveReason.LEFT, nowMs);
  }

  Decision disconnect(Room room, Member member, long nowMs) {
    if (!member.isConnected()) return Decision.unchanged(room);
    Member gone = member.disconnected(nowMs);
    Room r = room.updateMember(member.id(), m -> gone);
    return decider.resumeIfNobodyHolds(r, List.of(new RoomEvent.MemberChanged(gone)), member.id(), nowMs);
  }

  Decision reconnect(Room room, Member member) {
    if (member.isConnected()) return Decision.unchanged(room);
    Member back = member.reconnected();
    return Decision.accepted(room.updateMember(member.id(), m -> back), List.of(new RoomEvent.MemberChanged(back)));
  }

  Decision report(Room room, Member member, Intent.Report report) {
    double drift = report.driftMs();
    double rtt = report.rttMs();
    if (!Double.isFinite(drift) || !Double.isFinite(rtt) || rtt < 0 || rtt > MAX_REPORTED_RTT_MS
        || Math.abs(drift) > MAX_REPORTED_DRIFT_MS) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT, "drift or rtt out of range");
    }
    Member updated = member.withStats(drift, rtt);
    return Decision.accepted(room.updateMember(member.id(), m -> updated), List.of(new RoomEvent.MemberChanged(updated)));
  }

  Decision expireGraces(Room room, long nowMs) {
    Decision d = Decision.unchanged(room);
    for (Member m : room.members()) {
      if (!m.isConnected() && nowMs >= m.disconnectedAtMs() + tolerances.reconnectGraceMs()) {
        // Re-read the member: an earlier removal in this loop may have made it the host.
        Member current = d.room().member(m.id()).orElseThrow();
        Decision next = remove(d.room(), current, RoomEvent.LeaveReason.TIMED_OUT, nowMs);
        List<RoomEvent> events = new ArrayList<>(d.events());
        events.addAll(next.events());
        d = new Decision(next.room(), events, null);
      }
    }
    return d;
  }

  private Decision remove(Room room, Member member, RoomEvent.LeaveReason reason, long nowMs) {
    List<Member> rest = new ArrayList<>(room.members());
    rest.removeIf(m -> m.id().equals(member.id()));
    List<RoomEvent> events = new ArrayList<>();
    events.add(new RoomEvent.MemberLeft(member.id(), reason));
    if (member.role() == Role.HOST && !rest.isEmpty()) {
      // The longest-present connected member inherits; failing that, the longest-present one.
      Member heir = rest.stream().filter(Member::isConnected).findFirst().orElse(rest.getFirst());
      Member promoted = heir.withRole(Role.HOST);
      rest.replaceAll(m -> m.id().equals(heir.id()) ? promoted : m);
      events.add(new RoomEvent.MemberChanged(promoted));
    }
    return decider.resumeIfNobodyHolds(room.withMembers(rest), events, member.id(), nowMs);
  }
}
