package dev.cowatch.core.room;

import dev.cowatch.core.room.RoomEvent.Cause;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import java.util.Objects;

/**
 * Whether the room takes the timeline its members played between themselves while the server was
 * away (docs/protocol.md 3.12, 4.12). The version check is strict: if anything happened on the
 * server since the peers' base version, the server's timeline wins and the peers follow it.
 */
final class HandBackRule {
  /** An anchor older than this is not a recent peer decision but a client that kept a timeline too long. */
  static final long MAX_ANCHOR_AGE_MS = 3_600_000;
  /** Peers anchor plays a lead ahead; more than this ahead of the server's clock is a wrong clock. */
  static final long MAX_ANCHOR_AHEAD_MS = 10_000;

  private HandBackRule() {}

  static Decision decide(Room room, Member member, Intent.HandBack h, long nowMs) {
    if (!Permissions.allows(member.role(), Action.CONTROL_PLAYBACK, room.settings())) {
      return Decision.rejected(room, ErrorCode.NOT_ALLOWED, "only the owner and moderators control playback in this room");
    }
    Timeline t = room.timeline();
    if (h.baseVersion() > t.version()) {
      return Decision.rejected(room, ErrorCode.VERSION_FROM_FUTURE,
          "version " + h.baseVersion() + " is ahead of the room's " + t.version());
    }
    if (h.baseVersion() < t.version() || !Objects.equals(h.mediaId(), t.mediaId())) {
      return Decision.rejected(room, ErrorCode.CONFLICT, h.baseVersion() < t.version()
          ? "the room moved on the server (version " + t.version() + ") since version " + h.baseVersion()
          : "the room plays other media now");
    }
    if (t.state() == h.state() && t.anchorPositionMs() == h.anchorPositionMs() && t.anchorTimeMs() == h.anchorTimeMs()
        && t.rate() == h.rate()) {
      return Decision.unchanged(room); // the peers changed nothing, however old the anchor
    }
    String invalid = problem(h, nowMs);
    if (invalid != null) return Decision.rejected(room, ErrorCode.INVALID_ARGUMENT, invalid);
    Timeline next = new Timeline(t.mediaId(), h.state(), h.anchorPositionMs(), h.anchorTimeMs(), h.rate(), t.version() + 1);
    return RoomDecider.changed(room, next, new Cause(member.id(), CauseKind.HAND_BACK));
  }

  private static String problem(Intent.HandBack h, long nowMs) {
    if (h.state() != PlaybackState.PAUSED && h.state() != PlaybackState.PLAYING) return "state must be paused or playing";
    if (h.anchorPositionMs() < 0 || h.anchorPositionMs() > ControlRules.MAX_POSITION_MS) {
      return "position must be 0-" + ControlRules.MAX_POSITION_MS + " ms";
    }
    if (!(h.rate() >= Timeline.MIN_RATE && h.rate() <= Timeline.MAX_RATE)) {
      return "rate must be " + Timeline.MIN_RATE + "-" + Timeline.MAX_RATE;
    }
    if (h.anchorTimeMs() < nowMs - MAX_ANCHOR_AGE_MS || h.anchorTimeMs() > nowMs + MAX_ANCHOR_AHEAD_MS) {
      return "the anchor must lie within 1 hour before and 10 s after the server's now";
    }
    return null;
  }
}
