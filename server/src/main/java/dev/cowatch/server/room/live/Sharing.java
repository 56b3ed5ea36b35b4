package dev.cowatch.server.room.live;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.Refusal;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What differs between one node and several nodes deciding for the same rooms, chosen once where the live rooms are
 * made ({@link LiveRooms}). Everything else about rooms is the same either way.
 */
public sealed interface Sharing {
  /** One node alone: every room's lock, connections and presence are this process's. */
  Sharing ONE_NODE = new OneNode();

  /**
   * How presence goes out: as changes to what each connection has (one node, false), or whole lists marked with the
   * room's revision (nodes sharing rooms, true). The broadcasts pick their way of sending by it.
   */
  boolean sendsWholePresence();

  /**
   * What a compare-and-set lost under the room's own lock means: on one node a bug; among nodes a lease that lapsed
   * while this node was starved, and another decided meanwhile: a refusal to try again.
   */
  RuntimeException lostSwap(RoomId id);

  /** Whether members can be left with no connection speaking for them (their node died): the upkeep looks for them. */
  boolean leavesOrphans();

  /**
   * Runs a presence flush's {@code action} on the room as stored. One node: only if the room's lock is free now (a
   * busy room keeps its presence pending for the next flush). Nodes sharing rooms: without the lease, from the room
   * as stored, since lists go out whole and marked with the revision they were made from, and a node delivers none
   * older than one it delivered (taking the lease cost a lease, its release and its notice per room and flush).
   */
  void forFlush(RoomLocking locks, RoomStore store, RoomId id, Consumer<Optional<Room>> action);

  /** Where members' health is kept apart from the room, if anywhere: a report then takes no lock. */
  Optional<MemberHealthStore> healthApart();

  /** One node alone. */
  record OneNode() implements Sharing {
    @Override
    public boolean sendsWholePresence() {
      return false;
    }

    @Override
    public RuntimeException lostSwap(RoomId id) {
      return new IllegalStateException("room " + id + " changed under its lock");
    }

    @Override
    public boolean leavesOrphans() {
      return false;
    }

    @Override
    public void forFlush(RoomLocking locks, RoomStore store, RoomId id, Consumer<Optional<Room>> action) {
      locks.runIfFree(id, () -> action.accept(store.get(id)));
    }

    @Override
    public Optional<MemberHealthStore> healthApart() {
      return Optional.empty();
    }
  }

  /**
   * Nodes sharing rooms through a shared store under leases.
   *
   * @param health where members' health is kept apart from the room; null where the room keeps it
   */
  record SharedNodes(MemberHealthStore health) implements Sharing {
    @Override
    public boolean sendsWholePresence() {
      return true;
    }

    @Override
    public RuntimeException lostSwap(RoomId id) {
      return changedElsewhere(id.value());
    }

    /**
     * The room's lease ran out while this node decided (it was starved of CPU) and another node decided meanwhile:
     * the live room did not take this decision, and asking again decides it on the room as it is now.
     */
    private static Refusal changedElsewhere(String roomId) {
      return new Refusal(Refusal.Kind.CAPACITY, "unavailable",
          "room " + roomId + " was changed on another node while this one decided; try again");
    }

    @Override
    public boolean leavesOrphans() {
      return true;
    }

    @Override
    public void forFlush(RoomLocking locks, RoomStore store, RoomId id, Consumer<Optional<Room>> action) {
      action.accept(store.get(id));
    }

    @Override
    public Optional<MemberHealthStore> healthApart() {
      return Optional.ofNullable(health);
    }
  }
}
