package dev.cowatch.core.room;

/**
 * How a room behaves.
 *
 * @param bufferWaitTimeoutMs how long WAIT_FOR_ALL waits for buffering members
 * @param maxMembers members (connected or within their reconnect grace) the room admits
 */
public record RoomSettings(
    String name,
    ControlMode controlMode,
    BufferingPolicy bufferingPolicy,
    long bufferWaitTimeoutMs,
    int maxMembers) {

  public static final int MAX_NAME_LENGTH = 80;
  public static final int MAX_MEMBERS_LIMIT = 1_000;
  public static final long MAX_WAIT_TIMEOUT_MS = 60_000;

  public RoomSettings {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("room name must be 1-" + MAX_NAME_LENGTH + " characters");
    }
    if (controlMode == null || bufferingPolicy == null) {
      throw new IllegalArgumentException("control mode and buffering policy are required");
    }
    if (bufferWaitTimeoutMs < 0 || bufferWaitTimeoutMs > MAX_WAIT_TIMEOUT_MS) {
      throw new IllegalArgumentException("buffer wait timeout must be 0-" + MAX_WAIT_TIMEOUT_MS + " ms");
    }
    if (maxMembers < 1 || maxMembers > MAX_MEMBERS_LIMIT) {
      throw new IllegalArgumentException("max members must be 1-" + MAX_MEMBERS_LIMIT);
    }
  }

  public static RoomSettings defaults(String name, long bufferWaitTimeoutMs) {
    return new RoomSettings(name, ControlMode.EVERYONE, BufferingPolicy.WAIT_FOR_ALL, bufferWaitTimeoutMs, 50);
  }
}
