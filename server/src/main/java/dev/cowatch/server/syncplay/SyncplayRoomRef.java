package dev.cowatch.server.syncplay;

import dev.cowatch.core.room.RoomId;
import java.util.Optional;

/**
 * Which Cowatch room a Syncplay room name names. Syncplay's "room" field holds the room's code (the
 * id in its link, {@code /r/<code>}) or the whole link, optionally followed by {@code :<password>} for
 * a room with a password. Names are not unique and a private room must not be found by its name, so
 * a name alone never finds a room.
 *
 * <p>The password rides on the room field because Syncplay's own password field (the server password)
 * reaches the server as an MD5 of what was typed (syncplay/client.py), which cannot be checked against
 * the room's Argon2id hash.
 *
 * @param roomId the room
 * @param password the room password given after the code, or null
 */
public record SyncplayRoomRef(RoomId roomId, String password) {
  private static final String LINK_PATH = "/r/";

  /** The room the field names, or empty when it names none (then {@link #problem} says why). */
  public static Optional<SyncplayRoomRef> parse(String field) {
    if (field == null) return Optional.empty();
    String f = field.strip();
    String password = null;
    // A link has colons of its own (https://host:8080/r/x): the password is after the last colon that
    // follows the code, so look for the code first.
    int link = f.lastIndexOf(LINK_PATH);
    if (link < 0 && f.contains("://")) return Optional.empty(); // a link, but not to a room
    String rest = link >= 0 ? f.substring(link + LINK_PATH.length()) : f;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      password = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (password.isEmpty()) password = null;
    }
    // A link copied from the address bar may end in a slash, a query or a fragment.
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?' && rest.charAt(end) != '#') end++;
    String code = rest.substring(0, end);
    if (!RoomId.isValid(code)) return Optional.empty();
    return Optional.of(new SyncplayRoomRef(new RoomId(code), password));
  }

  /** What to tell someone whose room field named no room. */
  public static String problem(String field) {
    return "'" + (field == null ? "" : field.strip()) + "' is not a Cowatch room code: use the code of the room's link"
        + " (…/r/<code>), or <code>:<password> for a room with a password";
  }

  /** The room name told back to the client: the code alone, never the password. */
  public String shownName() {
    return roomId.value();
  }
}
