package dev.cowatch.server.room.preview;

import java.util.List;

/**
 * Where a room link leads, as shown before anyone gives a name (the join page, link previews).
 *
 * @param name the room's name; null when the caller may not see it (a private room)
 * @param refusal why the caller cannot walk in yet (the wire code: {@code password_required},
 *     {@code invite_required}, {@code guests_not_allowed}, {@code banned}, {@code room_full}), or null
 * @param details who is there and what plays; null when the table for strangers does not show them to the
 *     caller (see {@link RoomPreviews})
 */
public record RoomPreview(String id, String name, String refusal, Details details) {

  /**
   * @param owner the owner's display name
   * @param presentCount connected sessions now
   * @param presentNames the first few of them, owner first
   * @param playing what the timeline plays, or null when nothing is chosen
   * @param startsAtMs a scheduled start (a timeline anchored in the future), or null
   */
  public record Details(String owner, int presentCount, List<String> presentNames, Playing playing, Long startsAtMs) {}

  /**
   * @param title the item's title, or the file name of a URL
   * @param state {@code playing}, {@code paused} or {@code waiting}
   * @param positionMs where it is at {@code atMs} (server time)
   * @param posterPath a poster usable without signing in, or null (also where the caller may not see posters)
   */
  public record Playing(String title, String state, long positionMs, long atMs, String posterPath) {}
}
