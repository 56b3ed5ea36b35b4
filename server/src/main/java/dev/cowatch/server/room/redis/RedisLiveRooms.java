package dev.cowatch.server.room.redis;

import dev.cowatch.server.room.LiveRooms;
import dev.cowatch.server.room.LocalDelivery;
import dev.cowatch.server.room.RoomLocks;

/** Live rooms shared by the nodes of a cluster through Redis. */
public final class RedisLiveRooms {
  private RedisLiveRooms() {}

  /**
   * Connects to Redis at {@code url}, keys under {@code prefix}, as the node {@code nodeId}.
   *
   * @throws IllegalStateException when Redis does not answer
   */
  public static LiveRooms connect(String url, String prefix, String nodeId, LocalDelivery delivery) {
    Redis redis = Redis.connect(url, prefix);
    RedisRoomBus bus = new RedisRoomBus(redis, nodeId, delivery);
    RedisMemberSessions sessions = new RedisMemberSessions(redis, nodeId);
    return new LiveRooms(new RedisRoomStore(redis), bus,
        new RedisRoomLocks(redis, new RoomLocks(LiveRooms.LOCK_STRIPES), nodeId, System::nanoTime),
        sessions, new RedisSessionNotices(redis), true, () -> {
          sessions.close();
          bus.close();
          redis.close();
        });
  }
}
