package dev.cowatch.server.syncplay;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Room;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The room's members as one Syncplay client knows them. Syncplay names users by their name alone, and
 * two Cowatch members may share one: the second gets {@code _2} and so on, kept for as long as it stays
 * (Syncplay's server appends underscores the same way). Works out which joined, left or changed
 * readiness since the last look, as the Set lines that tell the client. Not thread-safe: one
 * connection's loop owns it.
 */
final class SyncplayRoster {
  /** What the client was last told of a member. */
  private record Known(String name, Boolean ready) {}

  private final String roomName;
  private final String ownMemberId;
  private final Map<String, Known> known = new LinkedHashMap<>();

  SyncplayRoster(String roomName, String ownMemberId) {
    this.roomName = roomName;
    this.ownMemberId = ownMemberId;
  }

  /**
   * Syncplay's readiness for a member: ready, or not (buffering, waiting for a click, catching up);
   * a disconnected member is not listed at all.
   */
  static Boolean readiness(Member m) {
    return m.readiness() == Readiness.READY;
  }

  /** Learns the room's members without a line: a joiner asks for the list instead. */
  void seed(Room room) {
    update(room);
  }

  /**
   * The lines that bring the client from what it was told to {@code room}'s members: joins and
   * leaves ({@code Set user}) and readiness ({@code Set ready}). The client's own member is named too,
   * but its own joining is not announced (Syncplay's server does not either).
   */
  List<String> update(Room room) {
    List<String> lines = new ArrayList<>();
    Set<String> present = new HashSet<>();
    Set<String> taken = new HashSet<>();
    for (Known k : known.values()) taken.add(k.name());
    for (Member m : room.members()) {
      if (!m.isConnected()) continue;
      String id = m.id().value();
      present.add(id);
      Known before = known.get(id);
      Boolean ready = readiness(m);
      if (before == null) {
        String name = unique(m.displayName(), taken);
        taken.add(name);
        known.put(id, new Known(name, ready));
        if (!id.equals(ownMemberId)) {
          lines.add(SyncplayLines.userEvent(name, roomName, true));
          lines.add(SyncplayLines.ready(name, ready, false));
        }
      } else if (!ready.equals(before.ready())) {
        known.put(id, new Known(before.name(), ready));
        lines.add(SyncplayLines.ready(before.name(), ready, true));
      }
    }
    for (var it = known.entrySet().iterator(); it.hasNext();) {
      var e = it.next();
      if (present.contains(e.getKey())) continue;
      lines.add(SyncplayLines.userEvent(e.getValue().name(), roomName, false));
      it.remove();
    }
    return lines;
  }

  /** The name the client knows {@code memberId} by, or null if it does not know it (yet). */
  String nameOf(String memberId) {
    Known k = known.get(memberId);
    return k == null ? null : k.name();
  }

  /**
   * The room's user list as Syncplay's List shows it: everyone the client knows, each with the room's
   * file ({@code fileName}, null when not known) except the client itself, shown with its own file.
   */
  String list(String fileName, String ownFileName, Double ownDurationSeconds) {
    List<SyncplayLines.ListedUser> users = new ArrayList<>();
    for (Map.Entry<String, Known> e : known.entrySet()) {
      boolean own = e.getKey().equals(ownMemberId);
      // Syncplay's console client fails on a file without a duration. Cowatch does not know the length
      // of a URL's video: others are shown with the client's own length, so that the name alone says
      // whether the files match (as Syncplay compares names first).
      users.add(new SyncplayLines.ListedUser(e.getValue().name(), e.getValue().ready(), own ? ownFileName : fileName,
          ownDurationSeconds == null ? 0.0 : ownDurationSeconds));
    }
    return SyncplayLines.list(roomName, users);
  }

  private static String unique(String name, Set<String> taken) {
    if (!taken.contains(name)) return name;
    int n = 2;
    while (taken.contains(name + "_" + n)) n++;
    return name + "_" + n;
  }
}
