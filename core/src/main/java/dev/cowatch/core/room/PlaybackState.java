package dev.cowatch.core.room;

/** What the room's player is doing. */
public enum PlaybackState {
  PAUSED,
  PLAYING,
  /** Playing intent held while a member buffers (wait-for-everyone policy). */
  WAITING
}
