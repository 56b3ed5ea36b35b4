package dev.cowatch.server.room.live;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.Collection;
import java.util.Optional;

/**
 * Port: where live rooms are (members, sessions, the timeline as it moves). In memory for one
 * node; shared storage with compare-and-set in a cluster, so two nodes deciding for the same
 * room cannot both win. What outlives the process is the {@link RoomRepository}'s.
 */
public interface RoomStore {

  /** Adds a room; false if the id is taken. */
  boolean create(Room room);

  Optional<Room> get(RoomId id);

  /** Replaces the room only if the stored revision is still {@code expectedRevision}. */
  boolean replace(long expectedRevision, Room next);

  /**
   * {@link #replace}, told that {@code next} differs from the room at {@code expectedRevision} only in its playback
   * (timeline, subtitle track, wait deadline) and revision: its settings, roster, queue and members are the very same
   * objects. A shared store may then write the playback alone (a play in a room of 300 is otherwise its 57 KB again).
   */
  default boolean replacePlayback(long expectedRevision, Room next) {
    return replace(expectedRevision, next);
  }

  /**
   * Returns once this node's replacements so far are on the store's replicas, if it has any (Redis's replicas, which a
   * failover promotes): a decision is acknowledged only then. Refuses ({@code unavailable}) when they did not confirm in
   * time; the caller then undoes the replacement. Nothing to wait for in memory.
   */
  default void awaitReplicas() {}

  /** Drops the room from live state (it stays in the repository) if unchanged since {@code expectedRevision}. */
  boolean remove(RoomId id, long expectedRevision);

  /** The live rooms at this moment (a weakly consistent view). */
  Collection<Room> all();

  /**
   * The live rooms a background pass must look at, a weakly consistent view: those not paused (their positions move
   * and are checkpointed) and those nobody is in (they may leave memory). A shared store keeps these apart, so the
   * pass does not read every room every time: in a cluster of 5,000 rooms that cost a node thousands of Redis reads
   * and room parses a second.
   */
  default Collection<Room> needingUpkeep() {
    return all().stream().filter(RoomStore::needsUpkeep).toList();
  }

  /**
   * The live rooms of one share of them (a weakly consistent view): those whose id falls in share {@code index} of
   * {@code shares} ({@link #shareOf}). A pass over every room, made a share at a time, reads a few of them at each step
   * instead of all at once: in a cluster of 5,000 rooms, reading them all at once (the watch history's minute, the
   * checkpoint's look at every room) was a burst of some 20 MB from Redis on one node, its fan-outs late meanwhile.
   */
  default Collection<Room> share(int index, int shares) {
    return all().stream().filter(r -> shareOf(r.id(), shares) == index).toList();
  }

  /** Which of {@code shares} shares the room of this id falls in. */
  static int shareOf(RoomId id, int shares) {
    return Math.floorMod(id.value().hashCode(), shares);
  }

  /** Whether {@link #needingUpkeep} is to return {@code room}. */
  static boolean needsUpkeep(Room room) {
    return room.timeline().state() != PlaybackState.PAUSED || room.members().isEmpty();
  }

  int count();
}
