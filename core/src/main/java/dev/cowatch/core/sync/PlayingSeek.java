package dev.cowatch.core.sync;

/**
 * A seek made while playing to put the player back on the timeline: from {@code fromMs} to {@code toMs}, a
 * frame ahead by the seek latency, which the timeline reaches at {@code landsAtMs} (server time).
 */
record PlayingSeek(double fromMs, double toMs, double landsAtMs) {
  /**
   * The player at {@code positionMs} got at least half way to where it was sent. A slow seek gets there and is
   * merely late (the next seek, aimed by the learned latency, makes that up); one without effect does not.
   */
  boolean moved(double positionMs) {
    return Math.abs(positionMs - fromMs) >= Math.abs(toMs - fromMs) / 2;
  }
}
