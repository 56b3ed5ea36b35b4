package dev.cowatch.core.room;

/** What a playing room does when a member buffers. */
public enum BufferingPolicy {
  /** Hold everyone until all are ready, up to the room's wait timeout. */
  WAIT_FOR_ALL,
  /** Keep playing; the buffering member catches up. */
  NEVER_WAIT
}
