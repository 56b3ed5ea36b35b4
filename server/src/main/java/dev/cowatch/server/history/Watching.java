package dev.cowatch.server.history;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Ids;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who is watching what in a room: a user with a connected session while the room has media. Pure;
 * {@link #changes} turns two states of a room into the stretches that start and end between them.
 */
public record Watching(UserId user, RoomId room, String roomName, String mediaId) {

  /** Anonymous sessions ("a-...") have no one to show a history to. */
  static boolean recordable(UserId user) {
    return !Ids.isAnonymous(user);
  }

  public static Set<Watching> of(Room room) {
    Set<Watching> now = new LinkedHashSet<>();
    if (room == null || room.timeline().mediaId() == null) return now;
    room.members().stream().filter(m -> m.isConnected() && recordable(m.userId()))
        .forEach(m -> now.add(new Watching(m.userId(), room.id(), room.settings().name(), room.timeline().mediaId())));
    return now;
  }

  /** What starts and what ends going from {@code before} to {@code after} (either may be null). */
  public record Changes(Set<Watching> started, Set<Watching> ended) {
    public boolean isEmpty() {
      return started.isEmpty() && ended.isEmpty();
    }
  }

  public static Changes changes(Room before, Room after) {
    Set<Watching> was = keys(of(before));
    Set<Watching> is = keys(of(after));
    Set<Watching> started = new LinkedHashSet<>(is);
    started.removeAll(was);
    Set<Watching> ended = new LinkedHashSet<>(was);
    ended.removeAll(is);
    return new Changes(withNames(started, after), withNames(ended, before));
  }

  /** Compared without the room name, so renaming a room does not end everyone's stretch. */
  private static Set<Watching> keys(Set<Watching> all) {
    Set<Watching> keys = new HashSet<>();
    for (Watching w : all) keys.add(new Watching(w.user, w.room, "", w.mediaId));
    return keys;
  }

  private static Set<Watching> withNames(Set<Watching> keys, Room room) {
    Set<Watching> named = new LinkedHashSet<>();
    for (Watching k : keys) named.add(new Watching(k.user, k.room, room.settings().name(), k.mediaId));
    return named;
  }
}
