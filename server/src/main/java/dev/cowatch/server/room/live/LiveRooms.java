package dev.cowatch.server.room.live;

import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.bus.RoomBus;

/**
 * Where live rooms are kept, how each room's decisions are serialized, how its broadcasts travel and
 * who speaks for its members:
 * this node's memory by default, Redis when several nodes share the rooms ({@code room.redis}).
 *
 * @param sessionNotices how the room sockets of every node hear that a user's sessions may have ended
 * @param jobs which node runs what the rooms need done once (the checkpoint pass)
 * @param sharing one node, or nodes deciding for the same rooms: what differs between the two, chosen here once
 * @param resources what to close after the rooms (connections to Redis), or a no-op
 */
public record LiveRooms(RoomStore store, RoomBus bus, RoomLocking locks, MemberSessions sessions,
    SessionNotices sessionNotices, JobLeader jobs, Sharing sharing, AutoCloseable resources) {
  /** Lock stripes: enough that unrelated rooms rarely wait on each other. */
  public static final int LOCK_STRIPES = 1_024;

  /** The same, with broadcasts going through {@code next} (which wraps {@link #bus}, e.g. to time them). */
  public LiveRooms withBus(RoomBus next) {
    return new LiveRooms(store, next, locks, sessions, sessionNotices, jobs, sharing, resources);
  }

  /** One node, everything in memory. */
  public static LiveRooms inMemory(LocalDelivery delivery) {
    return alone(new InMemoryRoomStore(), new InMemoryRoomBus(delivery));
  }

  /** One node with this store and bus, the rest in memory. */
  public static LiveRooms alone(RoomStore store, RoomBus bus) {
    return new LiveRooms(store, bus, new RoomLocks(LOCK_STRIPES), MemberSessions.inMemory(), SessionNotices.local(),
        JobLeader.alone(), Sharing.ONE_NODE, () -> { });
  }
}
