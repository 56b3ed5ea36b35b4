package dev.cowatch.server.room.access;

import java.util.List;
import java.util.Optional;

/** Port: stored invites. Use counting is atomic, so an invite for five is used at most five times. */
public interface InviteRepository {

  void insert(Invite invite);

  Optional<Invite> find(String id);

  /** The room's invites, newest first. */
  List<Invite> ofRoom(String roomId, int limit);

  /** Counts one use if the invite is still usable at {@code nowMs}; false otherwise. */
  boolean consume(String id, long nowMs);

  /** Gives a use back (the admission it paid for was refused after all). */
  void release(String id);

  /** False if there was no such usable invite of this room. */
  boolean revoke(String roomId, String id, long nowMs);

  /** Live (not revoked, not expired) invites of a room, for limits. */
  int countLive(String roomId, long nowMs);
}
