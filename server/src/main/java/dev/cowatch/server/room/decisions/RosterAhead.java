package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.Admission;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.text.Names;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A newcomer's roster entry, stored before their join is decided (see RoomRepository#rememberAhead): the one
 * database write of a join then holds up none of the room's other decisions, which in a cluster wait for the room's
 * lease while a join holds it. The decision under the lock is still what counts; this only saves it the write.
 * Joins decided together (see WaitingJoins) commit once: their entries are {@link #together}.
 */
public final class RosterAhead {
  /** Nothing stored ahead. */
  static final RosterAhead NONE = new RosterAhead(Map.of());

  /** The entries stored ahead, each by its user. */
  private final Map<UserId, RosterEntry> entries;

  private RosterAhead(Map<UserId, RosterEntry> entries) {
    this.entries = entries;
  }

  /** The entries of several joins decided together; a user's later entry stands for an earlier one. */
  public static RosterAhead together(List<RosterAhead> aheads) {
    Map<UserId, RosterEntry> all = new HashMap<>();
    for (RosterAhead a : aheads) all.putAll(a.entries);
    return all.isEmpty() ? NONE : new RosterAhead(Map.copyOf(all));
  }

  /**
   * Stores the entry a join is about to give {@code who}, judged on the room as it is now, without its lock; stores
   * nothing for a join that will remember nobody new (a resume, an anonymous guest, someone the room knows, refuses
   * or cannot remember), nor when the room is not live here.
   */
  public static RosterAhead store(RoomStore store, RoomRepository repository, long nowMs, RoomId roomId, Identity who,
      String name, String resumeToken) {
    if (resumeToken != null || who.kind() == Identity.Kind.ANONYMOUS || name == null) return NONE;
    Optional<Room> room = store.get(roomId);
    if (room.isEmpty()) return NONE;
    Roster roster = room.get().roster();
    String shown = name.strip();
    if (roster.entry(who.userId()).isPresent() || roster.entries().size() >= Roster.MAX_ENTRIES
        || !Names.isValid(shown, Member.MAX_NAME_LENGTH)
        || Admission.refusal(room.get(), who.userId(), who.isGuest()).isPresent()
        || room.get().members().size() >= room.get().settings().maxMembers()) {
      return NONE;
    }
    RosterEntry entry = RosterEntry.newcomer(shown, who.isGuest(), nowMs);
    repository.rememberAhead(roomId, room.get().revision(), who.userId(), entry);
    return new RosterAhead(Map.of(who.userId(), entry));
  }

  /**
   * Whether the only roster changes from {@code before} to {@code after} are these entries as stored (their times
   * aside): every one of them added, nothing else added, changed or removed.
   */
  boolean isTheOnlyChange(Roster before, Roster after) {
    if (entries.isEmpty() || !before.banned().equals(after.banned())) return false;
    if (after.entries().size() != before.entries().size() + entries.size()) return false;
    for (var e : entries.entrySet()) {
      if (before.entries().containsKey(e.getKey()) || !e.getValue().sameButSince(after.entries().get(e.getKey()))) {
        return false;
      }
    }
    for (var e : before.entries().entrySet()) {
      if (!e.getValue().equals(after.entries().get(e.getKey()))) return false;
    }
    return true;
  }
}
