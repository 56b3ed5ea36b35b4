package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.RoomStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Live rooms in Redis, shared by every node: each room a hash of its revision and its JSON
 * ({@link RoomJson}), plus a set of the live rooms' ids. Every change is a compare-and-set on the
 * revision inside a Lua script (Redis runs a script alone), so of two nodes deciding on the same
 * revision exactly one wins; the other sees false and must read the room again.
 */
public final class RedisRoomStore implements RoomStore {
  private static final String CREATE = """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'rev', ARGV[1], 'state', ARGV[2])
      redis.call('SADD', KEYS[2], ARGV[3])
      return 1""";
  private static final String REPLACE = """
      if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
      redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'state', ARGV[3])
      return 1""";
  private static final String REMOVE = """
      if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
      redis.call('DEL', KEYS[1])
      redis.call('SREM', KEYS[2], ARGV[2])
      return 1""";

  private final Redis redis;

  public RedisRoomStore(Redis redis) {
    this.redis = redis;
  }

  @Override
  public boolean create(Room room) {
    return redis.script(CREATE, new String[] {roomKey(room.id()), roomsKey()}, Long.toString(room.revision()),
        RoomJson.write(room), room.id().value()) == 1;
  }

  @Override
  public Optional<Room> get(RoomId id) {
    String json = Redis.call(() -> redis.sync().hget(roomKey(id), "state"));
    return json == null ? Optional.empty() : Optional.of(RoomJson.read(json));
  }

  @Override
  public boolean replace(long expectedRevision, Room next) {
    if (next.revision() == expectedRevision) {
      throw new IllegalArgumentException("a replacement must move the revision on: " + expectedRevision);
    }
    return redis.script(REPLACE, new String[] {roomKey(next.id())}, Long.toString(expectedRevision),
        Long.toString(next.revision()), RoomJson.write(next)) == 1;
  }

  @Override
  public boolean remove(RoomId id, long expectedRevision) {
    return redis.script(REMOVE, new String[] {roomKey(id), roomsKey()}, Long.toString(expectedRevision), id.value()) == 1;
  }

  @Override
  public Collection<Room> all() {
    Set<String> ids = Redis.call(() -> redis.sync().smembers(roomsKey()));
    List<Room> rooms = new ArrayList<>(ids.size());
    for (String id : ids) get(new RoomId(id)).ifPresent(rooms::add);
    return rooms;
  }

  @Override
  public int count() {
    return Math.toIntExact(Redis.call(() -> redis.sync().scard(roomsKey())));
  }

  private String roomKey(RoomId id) {
    return redis.key("room:" + id.value());
  }

  private String roomsKey() {
    return redis.key("rooms");
  }
}
