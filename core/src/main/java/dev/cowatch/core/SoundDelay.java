package dev.cowatch.core;

/**
 * A viewer's sound delay: how much later they hear the film than its picture shows (Bluetooth
 * headphones, a sound bar, a TV's audio path: 100 to 300 ms are common). The room's timeline is
 * kept for what the viewer hears: the player's position is read as {@code picture - delay} and a
 * jump to a heard position goes to {@code heard + delay} in the picture, so a delayed viewer's
 * picture runs that much ahead and their sound lands with everyone else's.
 * web/src/engine/soundDelay.ts holds the same rule; core/src/test/resources/sync/sound-delay-vectors.json
 * binds the two. Here, beside Tolerances, since both the room (which shows a member's delay) and the sync
 * engine (which applies it, PlayerView.heard) use it.
 */
public final class SoundDelay {
  /** Sound that comes before the picture (a TV that holds its picture to process it) is rarer and smaller. */
  public static final int MIN_MS = -500;
  /** More than any real audio path; past this it is a mistake, not a delay. */
  public static final int MAX_MS = 1_000;

  private SoundDelay() {}

  /** A delay a person or a measurement asked for, within the bounds, in whole milliseconds. */
  public static int bounded(double requestedMs) {
    if (!Double.isFinite(requestedMs)) return 0;
    return (int) Math.round(Math.max(MIN_MS, Math.min(MAX_MS, requestedMs)));
  }

  /** What the viewer hears at this instant, for a player showing {@code pictureMs}. */
  public static double heardMs(double pictureMs, int delayMs) {
    return pictureMs - delayMs;
  }

  /** Where the picture must be for the viewer to hear {@code heardMs}; never before the film's start. */
  public static double pictureMs(double heardMs, int delayMs) {
    return Math.max(0, heardMs + delayMs);
  }
}
