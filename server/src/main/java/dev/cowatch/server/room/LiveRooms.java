package dev.cowatch.server.room;

/**
 * Where live rooms are kept, how each room's decisions are serialized, how its broadcasts travel and
 * who speaks for its members:
 * this node's memory by default, Redis when several nodes share the rooms ({@code room.redis}).
 *
 * @param sessionNotices how the room sockets of every node hear that a user's sessions may have ended
 * @param shared whether other nodes decide for the same rooms (then presence goes out whole, since a
 *     list of changes is only meaningful against the last list one node sent)
 * @param resources what to close after the rooms (connections to Redis), or a no-op
 */
public record LiveRooms(RoomStore store, RoomBus bus, RoomLocking locks, MemberSessions sessions,
    SessionNotices sessionNotices, boolean shared, AutoCloseable resources) {
  /** Lock stripes: enough that unrelated rooms rarely wait on each other. */
  public static final int LOCK_STRIPES = 1_024;

  /** One node, everything in memory. */
  public static LiveRooms inMemory(LocalDelivery delivery) {
    return new LiveRooms(new InMemoryRoomStore(), new InMemoryRoomBus(delivery), new RoomLocks(LOCK_STRIPES),
        MemberSessions.inMemory(), SessionNotices.local(), false, () -> { });
  }
}
