package dev.cowatch.core.room;

/** Whether a member currently has a live connection. */
public enum Connection {
  CONNECTED,
  /** Lost its connection; keeps its identity for the reconnect grace period. */
  DISCONNECTED
}
