package dev.cowatch.core.room;

/** Whether a member's player can play right now. */
public enum Readiness {
  READY,
  BUFFERING,
  /**
   * Buffering or loading, but the room does not wait for it: a late joiner, or a member the room
   * stopped waiting for after the timeout. Becomes READY when the member says so.
   */
  CATCHING_UP,
  /**
   * The member's browser refused to start playback until the person clicks (autoplay rules): shown
   * to everyone as such, and not ready for the buffering policy (a wait-for-everyone room waits for
   * them, up to its timeout). Becomes READY when the member says so after the click.
   */
  NEEDS_CLICK
}
