package dev.cowatch.core.room;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What someone who holds no role in a room sees of it: one table, used by every surface that shows
 * a room to a stranger (the snapshot, the preview, the {@code /r/{id}} page and its Open Graph tags,
 * the directory), so no surface and no order of checks shows more than another (docs/api.md,
 * "What strangers see").
 *
 * <p>The row is the strongest lock the room's settings put on a newcomer ({@link Lock#of}): private
 * before password before guests, whatever else is set, so a private room that also refuses guests is
 * private first. The column is who asks. What a stranger may walk into on their own, they may see whole
 * (they would see it a moment later anyway); a room that only turns away guests shows guests its card
 * (what an account signing up would find); behind a password only the name; a private room only that it
 * exists. A ban shows no more than the name: the banned know the room, and its contents are no longer
 * theirs.
 */
public final class StrangerView {
  private StrangerView() {}

  /** Who asks, as the room knows them. */
  public enum Viewer {
    /** No session at all (a messenger fetching a link, a visitor not signed in). */
    ANONYMOUS,
    /** A guest identity with no role here. */
    GUEST,
    /** A signed-in account with no role here. */
    ACCOUNT,
    /** Someone the room banned. */
    BANNED,
    /** Anyone holding a role (owner, moderator, member, a guest let in): not a stranger. */
    MEMBER
  }

  /** How a room keeps newcomers out, the strongest first. */
  public enum Lock {
    /** {@code visibility: private}: only members and invitees ("invite-only"); whatever the password and guests. */
    PRIVATE,
    /** Public or unlisted with a password. */
    PASSWORD,
    /** Public or unlisted, no password, guests refused. */
    NO_GUESTS,
    /** Public or unlisted, no password, guests welcome. */
    OPEN;

    public static Lock of(RoomSettings s) {
      return of(s.visibility(), s.passwordProtected(), s.guestsAllowed());
    }

    public static Lock of(Visibility visibility, boolean passwordProtected, boolean guestsAllowed) {
      if (visibility == Visibility.PRIVATE) return PRIVATE;
      if (passwordProtected) return PASSWORD;
      if (!guestsAllowed) return NO_GUESTS;
      return OPEN;
    }
  }

  /** A thing a surface may show of a room. */
  public enum Field {
    /** That a room with this id exists, its visibility, and what is needed to enter. */
    EXISTENCE,
    /** Its name and its settings (password or not, guests, control, buffering, size). */
    NAME,
    /** Who owns it (name or user id). */
    OWNER,
    /** Who is there: the count and names. */
    PRESENT,
    /** The title of what plays and whether it plays, or a scheduled start. */
    TITLE,
    /** Where in it the room is. */
    POSITION,
    /** A poster of what plays. */
    POSTER,
    /** The timeline itself: the media id, its version, the subtitle track. */
    TIMELINE,
    /** What plays next. */
    QUEUE
  }

  /** How much of a room shows; each adds to the one before. */
  public enum Sight {
    EXISTS(EnumSet.of(Field.EXISTENCE)),
    NAMED(EnumSet.of(Field.EXISTENCE, Field.NAME)),
    CARD(EnumSet.of(Field.EXISTENCE, Field.NAME, Field.OWNER, Field.PRESENT, Field.TITLE, Field.POSITION,
        Field.POSTER)),
    WHOLE(EnumSet.allOf(Field.class));

    private final Set<Field> fields;

    Sight(Set<Field> fields) {
      this.fields = fields;
    }

    public boolean shows(Field f) {
      return fields.contains(f);
    }

    public Set<Field> fields() {
      return EnumSet.copyOf(fields);
    }
  }

  /** The table, row by lock, one column per {@link Viewer} in declaration order (docs/api.md prints it). */
  private static final Map<Lock, List<Sight>> TABLE = new EnumMap<>(Map.of(
      //                ANONYMOUS      GUEST          ACCOUNT        BANNED       MEMBER
      Lock.OPEN, List.of(Sight.WHOLE, Sight.WHOLE, Sight.WHOLE, Sight.NAMED, Sight.WHOLE),
      Lock.NO_GUESTS, List.of(Sight.CARD, Sight.CARD, Sight.WHOLE, Sight.NAMED, Sight.WHOLE),
      Lock.PASSWORD, List.of(Sight.NAMED, Sight.NAMED, Sight.NAMED, Sight.NAMED, Sight.WHOLE),
      Lock.PRIVATE, List.of(Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.EXISTS, Sight.WHOLE)));

  /** What {@code viewer} sees of a room with these settings. */
  public static Sight sight(RoomSettings settings, Viewer viewer) {
    return sight(Lock.of(settings), viewer);
  }

  public static Sight sight(Lock lock, Viewer viewer) {
    return TABLE.get(lock).get(viewer.ordinal());
  }

  /**
   * What the surfaces that speak to no one in particular show (the directory, the {@code /r/{id}} page's
   * tags): the anonymous column, whoever fetched them.
   */
  public static Sight toAnyone(Lock lock) {
    return sight(lock, Viewer.ANONYMOUS);
  }

  /** Whether the directory lists the room: public rooms only, locked or not (a listing shows {@link #toAnyone}). */
  public static boolean listed(Visibility visibility) {
    return visibility == Visibility.PUBLIC;
  }

  /**
   * The refusal a stranger is told, given the one {@link Admission} found (null: may enter). A private
   * room asks for an invite first, so its guest rule (checked first on entering) is not told to those
   * without one; a ban is told as it is.
   */
  public static ErrorCode refusalShown(RoomSettings settings, Viewer viewer, ErrorCode admission) {
    if (viewer == Viewer.MEMBER || admission == ErrorCode.BANNED) return admission;
    if (Lock.of(settings) == Lock.PRIVATE && admission != null) return ErrorCode.INVITE_REQUIRED;
    return admission;
  }
}
