package dev.cowatch.server.room;

/**
 * Why a room operation asked through the API was refused. The HTTP layer turns {@link #kind}
 * into a status and {@link #type} into the problem's stable type.
 */
public final class RoomRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    NOT_FOUND,
    GONE,
    FORBIDDEN,
    INVALID,
    CONFLICT,
    CAPACITY
  }

  private final Kind kind;
  private final String type;

  public RoomRefusal(Kind kind, String type, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.type = type;
  }

  public Kind kind() {
    return kind;
  }

  public String type() {
    return type;
  }

  static RoomRefusal notFound(String roomId) {
    return new RoomRefusal(Kind.NOT_FOUND, "room-not-found", "no room '" + roomId + "'");
  }
}
