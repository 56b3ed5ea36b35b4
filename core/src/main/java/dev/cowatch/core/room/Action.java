package dev.cowatch.core.room;

/** Everything the permission table rules on. */
public enum Action {
  /** Play, pause, seek, change rate. */
  CONTROL_PLAYBACK,
  CHANGE_MEDIA,
  EDIT_QUEUE,
  CHAT,
  /** Delete other people's chat messages. */
  MODERATE_CHAT,
  INVITE,
  KICK,
  BAN,
  CHANGE_SETTINGS,
  CHANGE_ROLES,
  TRANSFER_OWNERSHIP,
  DELETE_ROOM
}
