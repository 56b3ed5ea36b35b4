package dev.cowatch.core.room;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent.Control;
import dev.cowatch.core.room.RoomEvent.Cause;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import dev.cowatch.core.room.RoomEvent.TimelineChanged;
import java.util.List;
import java.util.Optional;

/**
 * The room's decision function: {@code (room, intent, now) -> decision}. Pure: no clock, no I/O;
 * the caller serializes calls per room and applies the result.
 *
 * <p>Conflict rule for control intents: an intent based on an older timeline version is refused
 * with {@link ErrorCode#CONFLICT} unless the room is already where the intent wanted it (then it
 * is accepted and changes nothing). The first of two simultaneous presses wins; the second
 * sender learns the current timeline instead of undoing the first.
 */
public final class RoomDecider {
  private final Tolerances tolerances;
  private final Membership membership;
  private final Administration administration;

  public RoomDecider(Tolerances tolerances) {
    this.tolerances = tolerances;
    this.membership = new Membership(tolerances, this);
    this.administration = new Administration(membership);
  }

  /** Roster and settings changes asked by a user (not a session): roles, kicks, bans, ownership. */
  public Decision administer(Room room, UserId actor, AdminIntent intent, long nowMs) {
    return administration.decide(room, actor, intent, nowMs);
  }

  public Decision decide(Room room, MemberId actor, Intent intent, long nowMs) {
    if (intent instanceof Intent.Join join) return membership.join(room, actor, join, nowMs);
    Optional<Member> found = room.member(actor);
    if (found.isEmpty()) {
      return Decision.rejected(room, ErrorCode.NOT_A_MEMBER, "not a member of this room");
    }
    Member member = found.get();
    return switch (intent) {
      case Intent.Join join -> throw new AssertionError("handled above");
      case Intent.Leave leave -> membership.leave(room, member, nowMs);
      case Intent.Disconnect disconnect -> membership.disconnect(room, member, nowMs);
      case Intent.Reconnect reconnect -> membership.reconnect(room, member);
      case Intent.Report report -> membership.report(room, member, report);
      case Intent.Buffering buffering -> buffering(room, member, buffering, nowMs);
      case Intent.Ready ready -> ready(room, member, ready, nowMs);
      case Intent.NeedsClick needsClick -> needsClick(room, member, needsClick, nowMs);
      case Intent.SetSubtitle subtitle -> SubtitleChoice.decide(room, member, subtitle);
      case Intent.QueueAdd add -> QueueRules.add(room, member, add);
      case Intent.QueueRemove remove -> QueueRules.remove(room, member, remove);
      case Intent.QueueMove move -> QueueRules.move(room, member, move);
      case Intent.PlayNext next -> QueueRules.playNext(this, room, member, next, nowMs);
      case Intent.Ended ended -> QueueRules.ended(this, room, member, ended, nowMs);
      case Intent.HandBack handBack -> HandBackRule.decide(room, member, handBack, nowMs);
      case Control control -> control(room, member, control, nowMs);
    };
  }

  /** Time-driven changes: the wait timeout and expired reconnect graces. */
  public Decision tick(Room room, long nowMs) {
    Decision expired = membership.expireGraces(room, nowMs);
    Room r = expired.room();
    if (r.timeline().state() != PlaybackState.WAITING || nowMs < r.waitDeadlineMs()) return expired;
    Room excused = r.mapMembers(m -> m.holdsRoom() ? m.withReadiness(Readiness.CATCHING_UP) : m);
    List<RoomEvent> events = new java.util.ArrayList<>(expired.events());
    for (Member m : excused.members()) {
      if (r.member(m.id()).map(Member::readiness).orElse(null) != m.readiness()) {
        events.add(new RoomEvent.MemberChanged(m));
      }
    }
    Timeline resumed = excused.timeline().playingFrom(
        excused.timeline().anchorPositionMs(), nowMs + lead(excused, false));
    events.add(new TimelineChanged(resumed, new Cause(null, CauseKind.WAIT_TIMEOUT)));
    return Decision.accepted(excused.withTimeline(resumed), events);
  }

  /**
   * The room's programme (a scheduled showing): plays {@code mediaId} from its start anchored at
   * {@code anchorTimeMs}, which may lie ahead (everyone counts down and starts on that instant) or
   * behind (members land where the programme is now). The server's decision, not a member's: no
   * permission to check and no version to conflict with; it wins over whatever was playing.
   */
  public Decision programme(Room room, String mediaId, long anchorTimeMs) {
    if (mediaId == null || mediaId.isBlank() || mediaId.length() > ControlRules.MAX_MEDIA_ID_LENGTH) {
      throw new IllegalArgumentException("media id must be 1-" + ControlRules.MAX_MEDIA_ID_LENGTH + " characters");
    }
    Timeline t = room.timeline();
    if (mediaId.equals(t.mediaId()) && t.state() == PlaybackState.PLAYING && t.anchorPositionMs() == 0
        && t.anchorTimeMs() == anchorTimeMs && t.rate() == 1.0) {
      return Decision.unchanged(room);
    }
    Timeline next = new Timeline(mediaId, PlaybackState.PLAYING, 0, anchorTimeMs, 1.0, t.version() + 1);
    Room settled = mediaId.equals(t.mediaId()) ? room : room.settledForNewMedia();
    return changed(settled, next, new Cause(null, CauseKind.SCHEDULE));
  }

  /** How far ahead a play is anchored: the slowest member's round trip, within bounds. */
  long lead(Room room, boolean afterSeek) {
    double maxRtt = room.members().stream()
        .filter(Member::isConnected)
        .map(Member::rttMs)
        .filter(rtt -> rtt != null)
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(0);
    return ControlRules.lead(maxRtt, afterSeek, tolerances);
  }

  private Decision control(Room room, Member member, Control intent, long nowMs) {
    Action action = intent instanceof Intent.SetMedia ? Action.CHANGE_MEDIA : Action.CONTROL_PLAYBACK;
    if (!Permissions.allows(member.role(), action, room.settings())) {
      return Decision.rejected(room, ErrorCode.NOT_ALLOWED, action == Action.CHANGE_MEDIA
          ? "your role in this room does not let you change the media"
          : "only the owner and moderators control playback in this room");
    }
    Timeline t = room.timeline();
    switch (ControlRules.check(intent, t)) {
      case ControlRules.Check.Refuse refuse -> {
        return Decision.rejected(room, refuse.code(), refuse.message());
      }
      case ControlRules.Check.InEffect inEffect -> {
        return Decision.unchanged(room);
      }
      case ControlRules.Check.Proceed proceed -> { }
    }
    Cause cause = new Cause(member.id(), ControlRules.causeOf(intent));
    return switch (intent) {
      case Intent.Play play -> startPlaying(room, t.anchorPositionMs(), nowMs, false, cause);
      case Intent.Pause pause -> changed(room, t.paused(ControlRules.pausePosition(t, pause, nowMs, tolerances), nowMs), cause);
      case Intent.Seek seek -> t.state() == PlaybackState.PLAYING
          ? startPlaying(room, seek.positionMs(), nowMs, true, cause)
          : changed(room, t.movedTo(seek.positionMs(), nowMs), cause);
      case Intent.SetRate rate -> changed(room, t.withRate(rate.rate(), nowMs), cause);
      case Intent.SetMedia media -> changed(room.settledForNewMedia(), t.withMedia(media.mediaId(), nowMs), cause);
    };
  }

  /**
   * Start (or restart after a seek or a wait) from {@code positionMs}: anchored {@code lead} ahead
   * so every member starts on the same instant, or WAITING if someone buffers and the room waits.
   */
  Decision startPlaying(Room room, long positionMs, long nowMs, boolean afterSeek, Cause cause) {
    Timeline t = room.timeline();
    if (room.settings().bufferingPolicy() == BufferingPolicy.WAIT_FOR_ALL && room.anyoneHoldsRoom()) {
      Timeline waiting = t.waiting(positionMs, nowMs);
      Room r = room.waitingUntil(waiting, nowMs + room.settings().bufferWaitTimeoutMs());
      return Decision.accepted(r, List.of(new TimelineChanged(waiting, cause)));
    }
    return changed(room, t.playingFrom(positionMs, nowMs + lead(room, afterSeek)), cause);
  }

  private Decision buffering(Room room, Member member, Intent.Buffering intent, long nowMs) {
    if (intent.baseVersion() > room.timeline().version()) {
      return Decision.rejected(room, ErrorCode.VERSION_FROM_FUTURE, "version is ahead of the room's");
    }
    if (member.readiness() != Readiness.READY) return Decision.unchanged(room);
    return holdFor(room, member.withReadiness(Readiness.BUFFERING), CauseKind.BUFFERING, nowMs);
  }

  /**
   * The member's browser refused to play until a click. Everyone is told; the room treats the member as
   * not ready: a wait-for-everyone room that plays waits for them (if they were playing along, as for
   * a stall), and a later play waits for them, until they click (ready) or the wait times out.
   */
  private Decision needsClick(Room room, Member member, Intent.NeedsClick intent, long nowMs) {
    if (intent.baseVersion() > room.timeline().version()) {
      return Decision.rejected(room, ErrorCode.VERSION_FROM_FUTURE, "version is ahead of the room's");
    }
    if (member.readiness() == Readiness.NEEDS_CLICK) return Decision.unchanged(room);
    Member blocked = member.withReadiness(Readiness.NEEDS_CLICK);
    if (member.readiness() != Readiness.READY) {
      // A late joiner (catching up) does not stop a playing room; it is shown, and holds later plays.
      return Decision.accepted(room.updateMember(member.id(), m -> blocked), List.of(new RoomEvent.MemberChanged(blocked)));
    }
    return holdFor(room, blocked, CauseKind.NEEDS_CLICK, nowMs);
  }

  /** {@code changed} (a member who stopped being ready) is told to all; a playing wait-for-everyone room waits for them. */
  private static Decision holdFor(Room room, Member changed, CauseKind why, long nowMs) {
    Room r = room.updateMember(changed.id(), m -> changed);
    RoomEvent event = new RoomEvent.MemberChanged(changed);
    Timeline t = r.timeline();
    if (r.settings().bufferingPolicy() != BufferingPolicy.WAIT_FOR_ALL
        || t.state() != PlaybackState.PLAYING
        || !changed.isConnected()) {
      return Decision.accepted(r, List.of(event));
    }
    Timeline waiting = t.waiting(Math.round(t.positionAt(nowMs)), nowMs);
    Room held = r.waitingUntil(waiting, nowMs + r.settings().bufferWaitTimeoutMs());
    return Decision.accepted(held, List.of(event, new TimelineChanged(waiting, new Cause(changed.id(), why))));
  }

  private Decision ready(Room room, Member member, Intent.Ready intent, long nowMs) {
    if (intent.baseVersion() > room.timeline().version()) {
      return Decision.rejected(room, ErrorCode.VERSION_FROM_FUTURE, "version is ahead of the room's");
    }
    if (member.readiness() == Readiness.READY) return Decision.unchanged(room);
    Member ready = member.withReadiness(Readiness.READY);
    Room r = room.updateMember(member.id(), m -> ready);
    return resumeIfNobodyHolds(r, List.of(new RoomEvent.MemberChanged(ready)), member.id(), nowMs);
  }

  /** After someone became ready, left or disconnected: a waiting room with nobody left to wait for plays. */
  Decision resumeIfNobodyHolds(Room room, List<RoomEvent> events, MemberId cause, long nowMs) {
    if (room.timeline().state() != PlaybackState.WAITING || room.anyoneHoldsRoom()) {
      return Decision.accepted(room, events);
    }
    Timeline resumed = room.timeline().playingFrom(room.timeline().anchorPositionMs(), nowMs + lead(room, false));
    List<RoomEvent> all = new java.util.ArrayList<>(events);
    all.add(new TimelineChanged(resumed, new Cause(cause, CauseKind.READY)));
    return Decision.accepted(room.withTimeline(resumed), all);
  }

  /** The room with its new timeline; a new media (whoever changed it) starts without the old one's subtitles. */
  static Decision changed(Room room, Timeline next, Cause cause) {
    if (java.util.Objects.equals(next.mediaId(), room.timeline().mediaId()) || room.subtitleTrack() == null) {
      return Decision.accepted(room.withTimeline(next), List.of(new TimelineChanged(next, cause)));
    }
    return Decision.accepted(room.withSubtitle(null).withTimeline(next),
        List.of(new TimelineChanged(next, cause), new RoomEvent.SubtitleChanged(null, cause.memberId())));
  }
}
