package dev.cowatch.server.room.upkeep;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.broadcast.RoomBroadcasts;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.Sharing;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps live rooms in order between members' intents, on timers: presence flushed at each room's
 * pace, playing rooms' positions checkpointed, members of a dead node disconnected, and rooms empty for
 * a while dropped from live state. The periodic pass runs on one node of a cluster at a time.
 */
public final class RoomUpkeep {
  private static final Logger log = LoggerFactory.getLogger(RoomUpkeep.class);
  /** How often the background pass looks for playing rooms due (every CHECKPOINT_PLAYING_MS) and idle rooms. */
  static final long CHECKPOINT_PERIOD_MS = 2_000;
  public static final long CHECKPOINT_PLAYING_MS = 10_000;
  /**
   * Besides the rooms marked as needing it, each pass reads one of this many shares of every live room (RoomStore#share),
   * so every room is looked at once in ten minutes, in case its mark was missed (a room stored before marks were kept:
   * the scripts that write a room keep its mark). Once a minute, all at once, was a fifth of what the leading node
   * allocated while rooms played, in the capacity run.
   */
  static final int SHARES = 300;

  /** Passes so far, which picks each pass's share: only the timer's thread counts them. */
  private int passes;

  private final LiveRooms live;
  private final TimelineCheckpoints checkpoints;
  private final RoomBroadcasts broadcasts;
  private final IdleRooms idle;
  private final RoomTicks ticks;
  private final Clock clock;
  /** Decides a disconnect for a member no connection speaks for. */
  private final UpkeepDecisions pipeline;

  public RoomUpkeep(LiveRooms live, TimelineCheckpoints checkpoints, RoomBroadcasts broadcasts, IdleRooms idle,
      UpkeepDecisions pipeline, Clock clock) {
    this.live = live;
    this.checkpoints = checkpoints;
    this.broadcasts = broadcasts;
    this.idle = idle;
    this.ticks = pipeline.ticks();
    this.clock = clock;
    this.pipeline = pipeline;
  }

  public void start(ScheduledExecutorService timers) {
    timers.scheduleAtFixedRate(this::flushPresenceSafely, RoomBroadcasts.FLUSH_TICK_MS, RoomBroadcasts.FLUSH_TICK_MS,
        TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::checkpointSafely, CHECKPOINT_PERIOD_MS, CHECKPOINT_PERIOD_MS,
        TimeUnit.MILLISECONDS);
  }

  /** A failed flush (Redis away) must not end the periodic task: a task that throws is never run again. */
  private void flushPresenceSafely() {
    try {
      broadcasts.flushPresence(this::withRoomLocked);
    } catch (RuntimeException e) {
      log.warn("presence flush failed; will retry: {}", e.getMessage());
    }
  }

  private void checkpointSafely() {
    try {
      checkpoint(false);
    } catch (RuntimeException e) {
      log.error("checkpoint failed; will retry", e);
    }
  }

  /**
   * Writes due timelines in one batch (every live room's with {@code all}), then drops rooms that
   * have been empty and quiet for a while from memory; those are written first, where they are now.
   */
  public void checkpoint(boolean all) {
    // A node shutting down writes every room where it is; the periodic pass is one node's in a cluster.
    if (!all && !live.jobs().leads("checkpoint")) return;
    long now = clock.millis();
    Collection<Room> rooms = all ? live.store().all() : withNextShare(live.store().needingUpkeep());
    // In a cluster the last member may have left through another node: judge emptiness from the rooms.
    Set<RoomId> seen = new HashSet<>();
    for (Room r : rooms) {
      idle.changed(r, now);
      seen.add(r.id());
    }
    // An empty room that is no longer among those needing upkeep has members again, or is gone.
    idle.keepOnly(seen);
    checkpoints.write(rooms, now, all, id -> idle.idle(id, now));
    // One node alone hears every close of its own connections: it has no orphans to look for.
    if (live.sharing().leavesOrphans()) disconnectOrphans();
    evictIdle(now);
  }

  /** The rooms needing upkeep and this pass's share of every room, each once. */
  private Collection<Room> withNextShare(Collection<Room> needing) {
    Map<RoomId, Room> rooms = new LinkedHashMap<>();
    for (Room r : needing) rooms.put(r.id(), r);
    for (Room r : live.store().share(passes++ % SHARES, SHARES)) rooms.putIfAbsent(r.id(), r);
    return rooms.values();
  }

  /**
   * Marks disconnected the members no live connection speaks for (their node died: nobody heard their
   * connections close), so that the reconnect grace runs for them as for anyone who lost the network:
   * they resume on another node, or leave when it ends. Checked again under the room's lock, where a
   * resume would have changed who speaks for them.
   */
  private void disconnectOrphans() {
    // Only a node's death makes orphans: until one dies, no room is read for them.
    Set<String> gone = live.sessions().nodesGone();
    if (gone.isEmpty()) return;
    log.info("nodes gone: {}; looking for their members in every room", gone);
    for (Room seen : live.store().all()) {
      if (live.sessions().orphaned(seen.id(), connected(seen)).isEmpty()) continue;
      live.locks().run(seen.id(), () -> live.store().get(seen.id()).ifPresent(room -> {
        for (MemberId orphan : live.sessions().orphaned(room.id(), connected(room))) {
          log.info("member's node is gone room={} member={}", room.id(), orphan);
          pipeline.disconnectHolding(room.id(), orphan);
        }
      }));
    }
    live.sessions().accountedFor(gone);
  }

  private static List<MemberId> connected(Room room) {
    return room.members().stream().filter(Member::isConnected).map(Member::id).toList();
  }

  private void evictIdle(long now) {
    for (RoomId id : idle.empty()) {
      if (!idle.idle(id, now)) continue;
      live.locks().run(id, () -> {
        Optional<Room> room = live.store().get(id);
        if (room.isPresent() && !room.get().members().isEmpty()) return;
        room.ifPresent(r -> live.store().remove(id, r.revision()));
        idle.forget(id);
        checkpoints.forget(id);
        broadcasts.forget(id);
        ticks.forget(id);
        log.debug("room left memory room={}", id);
      });
    }
  }

  /** The room for a presence flush, as the deployment's {@link Sharing#forFlush} has it. */
  private void withRoomLocked(RoomId roomId, Consumer<Optional<Room>> action) {
    live.sharing().forFlush(live.locks(), live.store(), roomId, action);
  }
}
