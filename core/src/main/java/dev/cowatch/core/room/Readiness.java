package dev.cowatch.core.room;

/** Whether a member's player can play right now. */
public enum Readiness {
  READY,
  BUFFERING,
  /**
   * Buffering or loading, but the room does not wait for it: a late joiner, or a member the room
   * stopped waiting for after the timeout. Becomes READY when the member says so.
   */
  CATCHING_UP
}
