package dev.cowatch.core.sync;

import dev.cowatch.core.room.Timeline;

/**
 * A paused player catching up on a playing timeline was sent to land, paused, on {@code positionMs}, ahead of
 * the timeline, at {@code issuedAtMs} (player's local time); once there it starts on the instant the timeline
 * reaches that frame. The controller holds one landing or none (none: not catching up).
 */
record Landing(double positionMs, double issuedAtMs) {
  /** The landing frame, within {@code toleranceMs}, is where the player is. */
  boolean reached(double playerPositionMs, double toleranceMs) {
    return Math.abs(playerPositionMs - positionMs) <= toleranceMs;
  }

  /** When (server time) the timeline reaches the landing frame. */
  double instantOn(Timeline timeline) {
    return timeline.anchorTimeMs() + (positionMs - timeline.anchorPositionMs()) / timeline.rate();
  }
}
