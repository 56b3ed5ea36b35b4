package dev.cowatch.server.history;

import dev.cowatch.core.room.UserId;
import java.util.Collection;
import java.util.List;

/** Port: stretches of watching. */
public interface WatchHistoryRepository {

  /**
   * Starts a stretch, or reopens the user's last one for the same room and media when it ended less
   * than {@code mergeWithinMs} ago (a reconnect is not a new evening).
   */
  void start(Watching w, long now, long mergeWithinMs);

  /** Ends the open stretch of this user, room and media, if any. */
  void end(Watching w, long now);

  /** Marks the open stretches of these watchers as seen now. */
  void seen(Collection<Watching> watching, long now);

  /** Ends every open stretch not seen since {@code staleBefore}, at the time it was last seen. */
  int endStale(long staleBefore);

  /** The user's stretches, newest first, with who else was there. */
  List<HistoryEntry> of(UserId user, Long beforeId, int limit);

  /** Removes one of the user's own stretches; false if there is none. */
  boolean remove(UserId user, long id);

  /** Keeps the user's newest {@code keep} stretches. */
  void trim(UserId user, int keep);
}
