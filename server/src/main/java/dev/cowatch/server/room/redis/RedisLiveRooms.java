package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.broadcast.RoomBroadcasts;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.RoomLocking;
import dev.cowatch.server.room.live.Sharing;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Live rooms shared by the nodes of a cluster through Redis. */
public final class RedisLiveRooms {
  private RedisLiveRooms() {}

  /**
   * Live rooms over {@code redis} (which the caller closes, after these), as the node {@code nodeId}; {@code codec}
   * encodes the timeline a node hands its members when its channel comes back after Redis was away.
   */
  public static LiveRooms over(Redis redis, String nodeId, LocalDelivery delivery, JsonCodec codec) {
    ReplicaConfirmations replicas = ReplicaConfirmations.of(redis);
    RedisRoomStore store = new RedisRoomStore(redis, nodeId, replicas);
    RedisRoomLocks locks = new RedisRoomLocks(redis, nodeId, System::nanoTime);
    RedisRoomBus bus = new RedisRoomBus(redis, nodeId, delivery, room -> settled(locks, room,
        () -> store.get(room).map(r -> RoomBroadcasts.caughtUp(codec, r))));
    RedisMemberSessions sessions = new RedisMemberSessions(redis, nodeId);
    return new LiveRooms(store, bus, locks,
        sessions, new RedisSessionNotices(redis), new RedisJobLeader(redis, nodeId), new Sharing.SharedNodes(store),
        () -> {
          sessions.close();
          bus.close();
          replicas.close();
        });
  }

  /**
   * The room as read between decisions, under its lock: a decision is in Redis before its replicas confirm it, and is
   * undone when they do not, so the room read in the middle of one may be a version nobody may be told of. A room being
   * decided now is read again later (its decision is broadcast meanwhile, if it stands).
   */
  private static Optional<Broadcast> settled(RoomLocking locks, RoomId room, Supplier<Optional<Broadcast>> read) {
    AtomicReference<Optional<Broadcast>> now = new AtomicReference<>();
    if (!locks.runIfFree(room, () -> now.set(read.get()))) {
      throw new IllegalStateException("room " + room + " is being decided");
    }
    return now.get();
  }
}
