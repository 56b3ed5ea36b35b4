package dev.cowatch.core.room;

/**
 * Corrections a member's player made to stay on the room's timeline, as its client counts them
 * (core's {@code SyncController} and its web twin: a nudge is one correction by playback rate, a seek
 * one jump back onto a timeline the player had been following). Totals since the member's connection
 * began: a resumed member starts again from zero, as its drift does.
 */
public record Corrections(long nudges, long seeks) {
  public static final Corrections NONE = new Corrections(0, 0);
  /**
   * The most one report may add of each. A controller steps every ~50 ms and a report goes at least once
   * a minute, so an honest client stays far below; more is a broken or hostile one.
   */
  public static final int MAX_PER_REPORT = 10_000;

  public Corrections {
    if (nudges < 0 || seeks < 0) throw new IllegalArgumentException("corrections are counts, never negative");
  }

  /** These and {@code moreNudges}/{@code moreSeeks} made since. */
  public Corrections plus(int moreNudges, int moreSeeks) {
    if (moreNudges == 0 && moreSeeks == 0) return this;
    return new Corrections(nudges + moreNudges, seeks + moreSeeks);
  }
}
