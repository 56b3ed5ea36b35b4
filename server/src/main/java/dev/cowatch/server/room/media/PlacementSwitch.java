package dev.cowatch.server.room.media;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;

/**
 * The media placement rooms ask, filled in once the media module exists (it is made after rooms, since it
 * asks rooms who is in them); until then no library item may be placed.
 */
public final class PlacementSwitch implements MediaPlacement {
  private volatile MediaPlacement current = MediaPlacement.NO_LIBRARY;

  public void use(MediaPlacement placement) {
    this.current = placement;
  }

  @Override
  public void check(UserId who, String ref) {
    current.check(who, ref);
  }

  @Override
  public Runnable place(UserId who, String ref, RoomId room) {
    return current.place(who, ref, room);
  }
}
