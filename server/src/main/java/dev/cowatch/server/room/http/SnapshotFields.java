package dev.cowatch.server.room.http;

import dev.cowatch.core.room.StrangerView.Field;
import dev.cowatch.core.room.StrangerView.Sight;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which field of the room snapshot ({@code ServerMessage.RoomView}) says which thing of
 * {@link dev.cowatch.core.room.StrangerView}'s table, so {@code GET /api/rooms/{id}} shows a stranger no
 * more than the table allows. A key not listed here shows only to those who see the whole room: a field
 * added to the snapshot stays hidden from strangers until someone decides what it says (a test lists them).
 */
final class SnapshotFields {
  static final Map<String, Field> FIELDS = Map.ofEntries(
      Map.entry("id", Field.EXISTENCE),
      Map.entry("visibility", Field.EXISTENCE),
      Map.entry("name", Field.NAME),
      Map.entry("passwordProtected", Field.NAME),
      Map.entry("guestsAllowed", Field.NAME),
      Map.entry("controlMode", Field.NAME),
      Map.entry("bufferingPolicy", Field.NAME),
      Map.entry("bufferWaitTimeoutMs", Field.NAME),
      Map.entry("maxMembers", Field.NAME),
      Map.entry("ownerId", Field.OWNER),
      Map.entry("members", Field.PRESENT),
      Map.entry("memberCount", Field.PRESENT),
      Map.entry("timeline", Field.TIMELINE),
      Map.entry("subtitle", Field.TIMELINE),
      Map.entry("queue", Field.QUEUE));

  private SnapshotFields() {}

  /** The entries of {@code whole} (the snapshot as a member sees it) that {@code sight} shows, in order. */
  static Map<String, Object> seen(Sight sight, Map<String, Object> whole) {
    Map<String, Object> seen = new LinkedHashMap<>();
    whole.forEach((key, value) -> {
      Field f = FIELDS.get(key);
      if (sight == Sight.WHOLE || f != null && sight.shows(f)) seen.put(key, value);
    });
    return seen;
  }
}
