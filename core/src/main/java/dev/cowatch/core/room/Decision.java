package dev.cowatch.core.room;

import java.util.List;

/**
 * The outcome of one intent: the room afterwards, what to broadcast, or why it was refused. A
 * refused intent leaves the room unchanged.
 */
public record Decision(Room room, List<RoomEvent> events, Rejection rejection) {

  public record Rejection(ErrorCode code, String message) {}

  public Decision {
    events = List.copyOf(events);
  }

  static Decision accepted(Room room, List<RoomEvent> events) {
    return new Decision(events.isEmpty() ? room : room.nextRevision(), events, null);
  }

  static Decision unchanged(Room room) {
    return new Decision(room, List.of(), null);
  }

  static Decision rejected(Room room, ErrorCode code, String message) {
    return new Decision(room, List.of(), new Rejection(code, message));
  }

  public boolean isRejected() {
    return rejection != null;
  }
}
