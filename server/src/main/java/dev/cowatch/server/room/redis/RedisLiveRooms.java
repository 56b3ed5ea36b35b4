package dev.cowatch.server.room.redis;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.broadcast.RoomBroadcasts;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.Sharing;

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
    RedisRoomBus bus = new RedisRoomBus(redis, nodeId, delivery,
        room -> store.get(room).map(r -> RoomBroadcasts.caughtUp(codec, r)));
    RedisMemberSessions sessions = new RedisMemberSessions(redis, nodeId);
    return new LiveRooms(store, bus, new RedisRoomLocks(redis, nodeId, System::nanoTime),
        sessions, new RedisSessionNotices(redis), new RedisJobLeader(redis, nodeId), new Sharing.SharedNodes(store),
        () -> {
          sessions.close();
          bus.close();
          replicas.close();
        });
  }
}
