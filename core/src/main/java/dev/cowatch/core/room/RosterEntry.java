package dev.cowatch.core.room;

/**
 * A user's standing in a room, kept while they are away.
 *
 * @param guest whether the user was a guest identity when last seen (guests may be refused later)
 * @param sinceMs when the user first got a role here
 */
public record RosterEntry(Role role, String displayName, boolean guest, long sinceMs) {
  public RosterEntry {
    if (role == null) throw new IllegalArgumentException("role required");
    if (displayName == null || displayName.isBlank()) throw new IllegalArgumentException("display name required");
  }

  /** How a room remembers someone new who joins it on their own: a guest as a guest, anyone else as a member. */
  public static RosterEntry newcomer(String displayName, boolean guest, long nowMs) {
    return new RosterEntry(guest ? Role.GUEST : Role.MEMBER, displayName, guest, nowMs);
  }

  /** The same entry but perhaps for when it was made. */
  public boolean sameButSince(RosterEntry other) {
    return other != null && role == other.role && displayName.equals(other.displayName) && guest == other.guest;
  }

  RosterEntry withRole(Role r) {
    return new RosterEntry(r, displayName, guest, sinceMs);
  }

  RosterEntry seenAs(String name, boolean asGuest) {
    return name.equals(displayName) && asGuest == guest ? this : new RosterEntry(role, name, asGuest, sinceMs);
  }
}
