package dev.cowatch.core.room;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.SoundDelay;
import java.util.ArrayList;
import java.util.List;

/** Joining, leaving, losing and regaining a connection, health reports. */
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
    if (!validName(name)) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT,
          "display name must be 1-" + Member.MAX_NAME_LENGTH + " printable characters");
    }
    var refusal = Admission.refusal(room, join.userId(), join.guest());
    if (refusal.isPresent()) return Decision.rejected(room, refusal.get(), Admission.explain(refusal.get()));
    if (room.members().size() >= room.settings().maxMembers()) {
      return Decision.rejected(room, ErrorCode.ROOM_FULL, "the room is full");
    }
    Room r = join.remembered() ? remember(room, join.userId(), name, join.guest(), nowMs) : room;
    Role role = r.roleOf(join.userId(), join.guest());
    // Someone arriving mid-play loads and catches up; the room does not stop for them.
    Readiness readiness = r.timeline().state() == PlaybackState.PAUSED ? Readiness.READY : Readiness.CATCHING_UP;
    Member member = new Member(id, join.userId(), name, role, Connection.CONNECTED, readiness, nowMs, 0, null, null,
        join.client());
    List<Member> members = new ArrayList<>(r.members());
    members.add(member);
    List<RoomEvent> events = new ArrayList<>();
    events.add(new RoomEvent.MemberJoined(member));
    if (r.roster() != room.roster()) events.add(new RoomEvent.RosterChanged(r.roster()));
    return Decision.accepted(r.withMembers(members), events);
  }

  /** The rule every name follows, over WebSocket as over REST (core.text.Names). */
  static boolean validName(String name) {
    return dev.cowatch.core.text.Names.isValid(name, Member.MAX_NAME_LENGTH);
  }

  /**
   * Puts the user on the roster (so the room shows among their rooms and keeps their role) or
   * refreshes its name; a full roster admits newcomers without remembering them.
   */
  static Room remember(Room room, UserId user, String name, boolean guest, long nowMs) {
    Roster roster = room.roster();
    var entry = roster.entry(user);
    if (entry.isPresent()) {
      RosterEntry seen = entry.get().seenAs(name, guest);
      return seen == entry.get() ? room : room.withRoster(roster.with(user, seen));
    }
    if (roster.entries().size() >= Roster.MAX_ENTRIES) return room;
    return room.withRoster(roster.with(user, RosterEntry.newcomer(name, guest, nowMs)));
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
    if (report.nudges() < 0 || report.seeks() < 0 || report.nudges() > Corrections.MAX_PER_REPORT
        || report.seeks() > Corrections.MAX_PER_REPORT) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT,
          "nudges and seeks must be between 0 and " + Corrections.MAX_PER_REPORT);
    }
    if (report.soundDelayMs() < SoundDelay.MIN_MS || report.soundDelayMs() > SoundDelay.MAX_MS) {
      return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT,
          "soundDelayMs must be between " + SoundDelay.MIN_MS + " and " + SoundDelay.MAX_MS);
    }
    // The minute's "still here" report of a player in steady sync, or one that moved less than a player reports
    // a change by: the room keeps what it has (within the players' own precision), so a cluster neither
    // stores nor passes on anything for it (issue 22: most reports of 50,000 idle viewers are these).
    if (report.soundDelayMs() == member.soundDelayMs() && !HealthNews.isNews(HealthNews.orNaN(member.driftMs()),
        HealthNews.orNaN(member.rttMs()), drift, rtt, report.nudges(), report.seeks())) {
      return Decision.unchanged(room);
    }
    Member updated = member.withStats(drift, rtt, report.nudges(), report.seeks(), report.soundDelayMs());
    return Decision.accepted(room.updateMember(member.id(), m -> updated), List.of(new RoomEvent.MemberChanged(updated)));
  }

  Decision expireGraces(Room room, long nowMs) {
    Decision d = Decision.unchanged(room);
    for (Member m : room.members()) {
      if (!m.isConnected() && nowMs >= m.disconnectedAtMs() + tolerances.reconnectGraceMs()) {
        Decision next = remove(d.room(), m, RoomEvent.LeaveReason.TIMED_OUT, nowMs);
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
    List<RoomEvent> events = List.of(new RoomEvent.MemberLeft(member.id(), reason));
    return decider.resumeIfNobodyHolds(room.withMembers(rest), events, member.id(), nowMs);
  }

  /** Ends every session of {@code user} (kicked or banned); a waiting room they held resumes. */
  Decision removeUser(Room room, UserId user, RoomEvent.LeaveReason reason, List<RoomEvent> before, long nowMs) {
    List<Member> sessions = room.sessionsOf(user);
    List<RoomEvent> events = new ArrayList<>(before);
    sessions.forEach(m -> events.add(new RoomEvent.MemberLeft(m.id(), reason)));
    List<Member> rest = new ArrayList<>(room.members());
    rest.removeAll(sessions);
    MemberId cause = sessions.isEmpty() ? null : sessions.getFirst().id();
    return decider.resumeIfNobodyHolds(room.withMembers(rest), events, cause, nowMs);
  }
}
