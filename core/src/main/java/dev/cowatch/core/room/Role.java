package dev.cowatch.core.room;

/** What someone is in a room, highest first. Rooms keep roles per user, across visits. */
public enum Role {
  OWNER,
  MODERATOR,
  MEMBER,
  GUEST;

  /** Strictly above {@code other}: who may kick, ban or re-role whom. */
  public boolean outranks(Role other) {
    return ordinal() < other.ordinal();
  }
}
