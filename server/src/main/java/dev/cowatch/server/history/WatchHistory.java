package dev.cowatch.server.history;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.decisions.RoomObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everyone's watch history, written as rooms change: a stretch starts when a user's session is
 * connected to a room with media and ends when it leaves or the media changes. Writes go through one
 * thread, in the order the rooms changed, never on the room's own path.
 */
public final class WatchHistory implements RoomObserver {
  private static final Logger log = LoggerFactory.getLogger(WatchHistory.class);
  public static final int KEEP_PER_USER = 1_000;
  public static final int PAGE = 50;
  /** Coming back within this after leaving continues the same stretch. */
  static final Duration MERGE_WITHIN = Duration.ofMinutes(2);
  static final Duration HEARTBEAT = Duration.ofMinutes(1);
  /**
   * The heartbeat reads every live room once a {@link #HEARTBEAT}: in a cluster one node does it (it sees every node's
   * rooms), not each of them (three reads of 5,000 rooms a minute from Redis in the capacity run). The leader is asked
   * this often, within its job lease, so it keeps the job between heartbeats; each time it reads one of
   * {@link #SHARES} shares of the rooms, not all of them at once (a burst of some 20 MB from Redis on one node).
   */
  static final String HEARTBEAT_JOB = "watch-history";
  static final Duration LEADER_CHECK = Duration.ofSeconds(5);
  static final int SHARES = (int) (HEARTBEAT.toMillis() / LEADER_CHECK.toMillis());
  /** An open stretch not seen for this long (a crash, a node gone) ends where it was last seen. */
  static final Duration STALE_AFTER = Duration.ofSeconds(150);

  private final WatchHistoryRepository repository;
  private final Clock clock;
  private final Executor writer;
  private final Shares liveRooms;
  private final BooleanSupplier leadsHeartbeat;
  /** When this node last beat (only the writer's thread touches it); 0: not yet. */
  private long lastBeatMs;
  /** The share of the rooms the next beat reads (only the writer's thread touches it). */
  private int nextShare;

  /** The live rooms of share {@code index} of {@code shares} (RoomStore#share). */
  public interface Shares {
    Collection<Room> of(int index, int shares);
  }

  /**
   * @param writer runs writes one at a time, in order
   * @param leadsHeartbeat whether this node runs the heartbeat now (one node: always)
   */
  public WatchHistory(WatchHistoryRepository repository, Clock clock, Executor writer,
      Shares liveRooms, BooleanSupplier leadsHeartbeat) {
    this.repository = repository;
    this.clock = clock;
    this.writer = writer;
    this.liveRooms = liveRooms;
    this.leadsHeartbeat = leadsHeartbeat;
  }


  @Override
  public void changed(Room before, Room after) {
    if (before != null && after != null && before.timeline().mediaId() == after.timeline().mediaId()
        && sameWatchers(before.members(), after.members())) {
      return; // neither who is connected nor the media changed: nothing starts or ends
    }
    Watching.Changes changes = Watching.changes(before, after);
    if (changes.isEmpty()) return;
    long now = clock.millis();
    writer.execute(() -> record(changes, now));
  }

  /**
   * The same users, each as connected as before, in the same order: what a health report or a
   * readiness change leaves alone. Checked without building sets, since it runs for every report.
   */
  static boolean sameWatchers(java.util.List<dev.cowatch.core.room.Member> a, java.util.List<dev.cowatch.core.room.Member> b) {
    if (a == b) return true;
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) {
      var x = a.get(i);
      var y = b.get(i);
      if (x != y && (!x.userId().equals(y.userId()) || x.isConnected() != y.isConnected())) return false;
    }
    return true;
  }

  private void record(Watching.Changes changes, long now) {
    try {
      for (Watching w : changes.ended()) repository.end(w, now);
      for (Watching w : changes.started()) {
        repository.start(w, now, MERGE_WITHIN.toMillis());
        repository.trim(w.user(), KEEP_PER_USER);
      }
    } catch (RuntimeException e) {
      log.warn("could not record watch history", e);
    }
  }

  /**
   * Marks everyone watching in one share of the rooms as seen; with the first share, ends the stretches nobody has seen
   * for a while (each share is read once a heartbeat, so an open stretch is seen at least that often).
   */
  private void beat(int share) {
    long now = clock.millis();
    Set<Watching> watching = new LinkedHashSet<>();
    for (Room room : liveRooms.of(share, SHARES)) watching.addAll(Watching.of(room));
    repository.seen(watching, now);
    if (share != 0) return;
    int ended = repository.endStale(now - STALE_AFTER.toMillis());
    if (ended > 0) log.info("ended {} watch history entries nobody was seen in", ended);
  }

  public void schedule(ScheduledExecutorService timers) {
    timers.scheduleWithFixedDelay(() -> writer.execute(this::beatIfDue), LEADER_CHECK.toMillis(),
        LEADER_CHECK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The heartbeat's next share, if this node leads it and its last share here was read about a {@link #LEADER_CHECK}
   * ago (a timer's tick a little early still counts; one asked more often reads no more often).
   */
  void beatIfDue() {
    try {
      if (!leadsHeartbeat.getAsBoolean()) {
        // Leading again later, it starts at once from the first share: the node that led before may be gone.
        lastBeatMs = 0;
        nextShare = 0;
        return;
      }
      long now = clock.millis();
      if (lastBeatMs != 0 && now - lastBeatMs < LEADER_CHECK.toMillis() * 3 / 4) return;
      lastBeatMs = now;
      int share = nextShare;
      nextShare = (share + 1) % SHARES;
      beat(share);
    } catch (RuntimeException e) {
      log.warn("watch history heartbeat failed", e);
    }
  }

  public List<HistoryEntry> of(UserId user, Long beforeId) {
    return repository.of(user, beforeId, PAGE);
  }

  public void remove(UserId user, long id) {
    if (!repository.remove(user, id)) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "history-entry-not-found", "no history entry " + id);
    }
  }
}
