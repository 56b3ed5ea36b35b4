package dev.cowatch.core.room;

/** Who may play, pause, seek, change rate or media. */
public enum ControlMode {
  EVERYONE,
  HOST_ONLY
}
