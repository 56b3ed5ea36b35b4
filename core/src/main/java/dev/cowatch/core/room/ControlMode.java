package dev.cowatch.core.room;

/** Who may play, pause, seek, change rate or media (see {@link Permissions}). */
public enum ControlMode {
  /** Every member and guest. */
  EVERYONE,
  /** The owner and moderators only. */
  MODERATORS
}
