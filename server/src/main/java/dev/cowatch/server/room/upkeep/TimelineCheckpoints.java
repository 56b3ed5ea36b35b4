package dev.cowatch.server.room.upkeep;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.live.RoomRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Writes rooms' timelines to the repository: every change at once, under the room's lock and before
 * anyone is told ({@link #saveNow}), and, in the background, a playing room's position every
 * {@code playingPeriodMs} (it moves without a change), every room when asked (shutdown). A background
 * write never puts back an older version than the stored one (the repository's rule), so it cannot
 * undo a change saved meanwhile.
 */
public final class TimelineCheckpoints {
  private final RoomRepository repository;
  private final long playingPeriodMs;
  private final ConcurrentMap<RoomId, Long> lastWritten = new ConcurrentHashMap<>();

  public TimelineCheckpoints(RoomRepository repository, long playingPeriodMs) {
    this.repository = repository;
    this.playingPeriodMs = playingPeriodMs;
  }

  /** Stores the room's timeline as it is now; throws when it cannot, so the change does not happen. */
  public void saveNow(Room room, long nowMs) {
    repository.saveTimelines(List.of(checkpoint(room, nowMs)));
    lastWritten.put(room.id(), nowMs);
  }

  public void forget(RoomId id) {
    lastWritten.remove(id);
  }

  /**
   * Writes, in one batch, each room that is due: playing and not written for a while, picked by
   * {@code alsoDue}, or every room with {@code all}.
   */
  void write(Collection<Room> rooms, long nowMs, boolean all, Predicate<RoomId> alsoDue) {
    List<RoomRepository.TimelineCheckpoint> batch = new ArrayList<>();
    List<RoomId> written = new ArrayList<>();
    for (Room room : rooms) {
      RoomId id = room.id();
      boolean playing = room.timeline().state() != PlaybackState.PAUSED;
      boolean due = all || alsoDue.test(id)
          || (playing && nowMs - lastWritten.getOrDefault(id, 0L) >= playingPeriodMs);
      if (!due) continue;
      batch.add(checkpoint(room, nowMs));
      written.add(id);
    }
    repository.saveTimelines(batch);
    written.forEach(id -> lastWritten.put(id, nowMs));
  }

  private static RoomRepository.TimelineCheckpoint checkpoint(Room room, long nowMs) {
    var t = room.timeline();
    return new RoomRepository.TimelineCheckpoint(room.id(), t.mediaId(), Math.max(0, Math.round(t.positionAt(nowMs))),
        t.rate(), t.version(), nowMs, room.subtitleTrack());
  }
}
