package dev.cowatch.client;

/**
 * Something a player did, as its own events report it (the HTML media events have the same shape).
 *
 * @param localTimeMs when it happened, on the local clock
 */
public record PlayerEvent(Kind kind, double positionMs, double rate, double localTimeMs) {
  public enum Kind {
    PLAY,
    PAUSE,
    SEEKED,
    RATE_CHANGE,
    /** Stalled for lack of data. */
    WAITING,
    /** Has data again after WAITING. */
    CAN_PLAY
  }

  /** The same event at another position (the picture's read as what the viewer hears). */
  public PlayerEvent withPosition(double newPositionMs) {
    return newPositionMs == positionMs ? this : new PlayerEvent(kind, newPositionMs, rate, localTimeMs);
  }
}
