package dev.cowatch.core.room;

/** Who can find and enter a room. */
public enum Visibility {
  /** Listed in the directory; anyone may enter (subject to password and guest rules). */
  PUBLIC,
  /** Not listed; anyone with the link may enter. */
  UNLISTED,
  /** Only people who hold a role in the room or were let in by an invite. */
  PRIVATE
}
