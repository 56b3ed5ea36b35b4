package dev.cowatch.core.room;

/**
 * How a room behaves and who may enter.
 *
 * @param passwordProtected whether entering needs the room's password (the hash is kept by the server)
 * @param bufferWaitTimeoutMs how long WAIT_FOR_ALL waits for buffering members
 * @param maxMembers members (connected or within their reconnect grace) the room admits
 */
public record RoomSettings(
    String name,
    Visibility visibility,
    boolean passwordProtected,
    boolean guestsAllowed,
    ControlMode controlMode,
    BufferingPolicy bufferingPolicy,
    long bufferWaitTimeoutMs,
    int maxMembers) {

  public static final int MAX_NAME_LENGTH = 80;
  public static final int MAX_MEMBERS_LIMIT = 1_000;
  public static final long MAX_WAIT_TIMEOUT_MS = 60_000;

  public RoomSettings {
    if (!dev.cowatch.core.text.Names.isValid(name, MAX_NAME_LENGTH)) {
      throw new IllegalArgumentException("room name must be 1-" + MAX_NAME_LENGTH + " printable characters");
    }
    if (visibility == null || controlMode == null || bufferingPolicy == null) {
      throw new IllegalArgumentException("visibility, control mode and buffering policy are required");
    }
    if (bufferWaitTimeoutMs < 0 || bufferWaitTimeoutMs > MAX_WAIT_TIMEOUT_MS) {
      throw new IllegalArgumentException("buffer wait timeout must be 0-" + MAX_WAIT_TIMEOUT_MS + " ms");
    }
    if (maxMembers < 1 || maxMembers > MAX_MEMBERS_LIMIT) {
      throw new IllegalArgumentException("max members must be 1-" + MAX_MEMBERS_LIMIT);
    }
  }

  /** Unlisted, open to guests, no password, everyone controls, waits for buffering members. */
  public static RoomSettings defaults(String name, long bufferWaitTimeoutMs) {
    return new RoomSettings(name, Visibility.UNLISTED, false, true, ControlMode.EVERYONE, BufferingPolicy.WAIT_FOR_ALL,
        bufferWaitTimeoutMs, 50);
  }

  public RoomSettings withControlMode(ControlMode mode) {
    return new RoomSettings(name, visibility, passwordProtected, guestsAllowed, mode, bufferingPolicy,
        bufferWaitTimeoutMs, maxMembers);
  }

  public RoomSettings withBuffering(BufferingPolicy policy, long waitTimeoutMs) {
    return new RoomSettings(name, visibility, passwordProtected, guestsAllowed, controlMode, policy, waitTimeoutMs,
        maxMembers);
  }

  public RoomSettings withMaxMembers(int max) {
    return new RoomSettings(name, visibility, passwordProtected, guestsAllowed, controlMode, bufferingPolicy,
        bufferWaitTimeoutMs, max);
  }

  public RoomSettings withAccess(Visibility v, boolean password, boolean guests) {
    return new RoomSettings(name, v, password, guests, controlMode, bufferingPolicy, bufferWaitTimeoutMs, maxMembers);
  }

  public RoomSettings withName(String n) {
    return new RoomSettings(n, visibility, passwordProtected, guestsAllowed, controlMode, bufferingPolicy,
        bufferWaitTimeoutMs, maxMembers);
  }
}
