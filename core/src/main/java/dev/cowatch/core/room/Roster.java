package dev.cowatch.core.room;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds which role in a room (exactly one owner) and who is banned. Immutable; kept when
 * nobody is connected and stored with the room.
 */
public record Roster(Map<UserId, RosterEntry> entries, Set<UserId> banned) {
  /** Beyond this many entries newcomers to an open room enter without being remembered. */
  public static final int MAX_ENTRIES = 10_000;

  public Roster {
    entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    banned = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(banned));
    long owners = entries.values().stream().filter(e -> e.role() == Role.OWNER).count();
    if (owners != 1) throw new IllegalArgumentException("a roster has exactly one owner, not " + owners);
  }

  public static Roster ownedBy(UserId owner, String displayName, boolean guest, long nowMs) {
    return new Roster(Map.of(owner, new RosterEntry(Role.OWNER, displayName, guest, nowMs)), Set.of());
  }

  public UserId owner() {
    return entries.entrySet().stream().filter(e -> e.getValue().role() == Role.OWNER).findFirst().orElseThrow().getKey();
  }

  public Optional<RosterEntry> entry(UserId user) {
    return Optional.ofNullable(entries.get(user));
  }

  public boolean isBanned(UserId user) {
    return banned.contains(user);
  }

  Roster with(UserId user, RosterEntry entry) {
    Map<UserId, RosterEntry> next = new LinkedHashMap<>(entries);
    next.put(user, entry);
    return new Roster(next, banned);
  }

  Roster without(UserId user) {
    Map<UserId, RosterEntry> next = new LinkedHashMap<>(entries);
    next.remove(user);
    return new Roster(next, banned);
  }

  Roster banning(UserId user) {
    Set<UserId> next = new LinkedHashSet<>(banned);
    next.add(user);
    return new Roster(entries, next).without(user);
  }

  Roster unbanning(UserId user) {
    Set<UserId> next = new LinkedHashSet<>(banned);
    next.remove(user);
    return new Roster(entries, next);
  }
}
