package dev.cowatch.server.room;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Writes rooms' timelines to the repository in the background, so that playback never waits for
 * the database: a changed timeline at the next pass, a playing one every {@code playingPeriodMs}
 * (its position moves), and every room when asked (shutdown).
 */
final class TimelineCheckpoints {
  private final RoomRepository repository;
  private final long playingPeriodMs;
  private final Set<RoomId> changed = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<RoomId, Long> lastWritten = new ConcurrentHashMap<>();

  TimelineCheckpoints(RoomRepository repository, long playingPeriodMs) {
    this.repository = repository;
    this.playingPeriodMs = playingPeriodMs;
  }

  void changed(RoomId id) {
    changed.add(id);
  }

  /** Whether the room has a change not yet written. */
  boolean pending(RoomId id) {
    return changed.contains(id);
  }

  void forget(RoomId id) {
    changed.remove(id);
    lastWritten.remove(id);
  }

  /**
   * Writes, in one batch, each room that is due: changed, playing and not written for a while,
   * picked by {@code alsoDue}, or every room with {@code all}. A failed write keeps them pending.
   */
  void write(Collection<Room> rooms, long nowMs, boolean all, Predicate<RoomId> alsoDue) {
    List<RoomRepository.TimelineCheckpoint> batch = new ArrayList<>();
    List<RoomId> written = new ArrayList<>();
    for (Room room : rooms) {
      RoomId id = room.id();
      boolean playing = room.timeline().state() != PlaybackState.PAUSED;
      boolean due = all || changed.contains(id) || alsoDue.test(id)
          || (playing && nowMs - lastWritten.getOrDefault(id, 0L) >= playingPeriodMs);
      if (!due) continue;
      changed.remove(id);
      var t = room.timeline();
      batch.add(new RoomRepository.TimelineCheckpoint(id, t.mediaId(), Math.max(0, Math.round(t.positionAt(nowMs))),
          t.rate(), t.version(), nowMs, room.subtitleTrack()));
      written.add(id);
    }
    try {
      repository.saveTimelines(batch);
    } catch (RuntimeException e) {
      changed.addAll(written);
      throw e;
    }
    written.forEach(id -> lastWritten.put(id, nowMs));
  }
}
