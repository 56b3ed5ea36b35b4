package dev.cowatch.server.room.media;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.room.decisions.RoomRefusals;

/**
 * Port: who may put a library item ({@code media:<id>}) on a room's timeline or queue. A media id is a
 * name, not a permission: the media module answers from the grants the item's owner made, and records
 * the owner's own placement as a share with the room. Any other media reference (a URL) needs nothing.
 */
public interface MediaPlacement {
  /**
   * Refuses (a {@code Refusal}, 404 as for an item that does not exist) unless {@code who} may put
   * {@code ref} into a room that does not exist yet: only the item's owner, or a friend it is shared with.
   */
  void check(UserId who, String ref);

  /**
   * Refuses as {@link #check} unless {@code who} may put {@code ref} into {@code room}; when allowed
   * because {@code who} owns it (or holds a friends share), records that {@code room} may watch it.
   *
   * @return undoes a share this call recorded, when the room then turns the change down (nothing when
   *     the share was there before)
   */
  Runnable place(UserId who, String ref, RoomId room);

  /** No media library: a library reference is nobody's to place. */
  MediaPlacement NO_LIBRARY = new MediaPlacement() {
    @Override
    public void check(UserId who, String ref) {
      if (ref != null && ref.startsWith("media:")) throw RoomRefusals.mediaNotFound(ref);
    }

    @Override
    public Runnable place(UserId who, String ref, RoomId room) {
      check(who, ref);
      return () -> { };
    }
  };
}
