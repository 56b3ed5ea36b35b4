package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.live.MemberHealthStore;
import dev.cowatch.server.room.live.RoomStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live rooms in Redis, shared by every node: each room a hash of its revision and its JSON
 * ({@link RoomJson}), plus a set of the live rooms' ids. Every change is a compare-and-set on the
 * revision inside a Lua script (Redis runs a script alone), so of two nodes deciding on the same
 * revision exactly one wins; the other sees false and must read the room again. Members' sync health is a
 * hash of its own beside the room (one entry a member), written by a report alone, without the room's lease. Each
 * write also leaves a stamp no other write has, by which a node that knows the room as written reads it again without
 * its JSON ({@link KnownRooms}). A change of the playback alone (play, pause, seek) writes only that part
 * ({@code play}, with the revision it belongs to in {@code playrev}) and keeps the stamp: a node that knows the room
 * by its stamp reads the hundred bytes of playback instead of the whole room.
 */
public final class RedisRoomStore implements RoomStore, MemberHealthStore {
  /** KEYS: the room, the live rooms, those needing upkeep; ARGV: revision, JSON, id, whether it needs upkeep, stamp. */
  private static final String CREATE = """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'rev', ARGV[1], 'state', ARGV[2], 'stamp', ARGV[5])
      redis.call('SADD', KEYS[2], ARGV[3])
      if ARGV[4] == '1' then redis.call('SADD', KEYS[3], ARGV[3]) end
      return 1""";
  /**
   * KEYS: the room, those needing upkeep; ARGV: expected revision, revision, JSON, id, whether it needs upkeep, stamp.
   */
  private static final String REPLACE = Unfenced.script("""
      if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
      redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'state', ARGV[3], 'stamp', ARGV[6])
      redis.call('HDEL', KEYS[1], 'play', 'playrev', 'playby')
      if ARGV[5] == '1' then redis.call('SADD', KEYS[2], ARGV[4]) else redis.call('SREM', KEYS[2], ARGV[4]) end
      return 1""");
  /**
   * The playback alone. KEYS: the room, those needing upkeep; ARGV: expected revision, revision, playback JSON, id,
   * whether it needs upkeep, the stamp the rest was written under, this write's own stamp. 0: the revision moved; -1: the revision is the one
   * expected but the rest is not the one this node knows (a room made again), so it is written whole.
   */
  private static final String REPLACE_PLAYBACK = Unfenced.script("""
      local now = redis.call('HMGET', KEYS[1], 'rev', 'stamp')
      if now[1] ~= ARGV[1] then return 0 end
      if now[2] ~= ARGV[6] then return -1 end
      redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'play', ARGV[3], 'playrev', ARGV[2], 'playby', ARGV[7])
      if ARGV[5] == '1' then redis.call('SADD', KEYS[2], ARGV[4]) else redis.call('SREM', KEYS[2], ARGV[4]) end
      return 1""");
  private static final String REMOVE = """
      if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
      redis.call('DEL', KEYS[1], KEYS[3])
      redis.call('SREM', KEYS[2], ARGV[2])
      redis.call('SREM', KEYS[4], ARGV[2])
      return 1""";
  /**
   * KEYS: the room, its health; ARGV: the stamp and revision this node knows it by. Answers nothing for a room that is
   * not live, else its stamp, its JSON (nil when the rest known under the stamp stands), its health entries, its
   * revision and its playback (nil when the JSON's own is the latest). The rest stands while the stamp is the same and
   * either the revision is too or the playback is of the revision now (an older build's write moves the revision alone).
   */
  private static final String GET = """
      local now = redis.call('HMGET', KEYS[1], 'stamp', 'rev', 'playrev', 'play')
      if not now[2] then return {} end
      local health = redis.call('HGETALL', KEYS[2])
      local play = false
      if now[3] == now[2] then play = now[4] end
      if now[1] == ARGV[1] and (now[2] == ARGV[2] or play) then
        if now[2] == ARGV[2] then play = false end
        return {now[1], false, health, now[2], play}
      end
      return {now[1] or '', redis.call('HGET', KEYS[1], 'state'), health, now[2], play}""";
  /** Rooms read at once by {@link #all} and {@link #needingUpkeep}: one round trip each. */
  private static final int READ_BATCH = 256;
  /** One member's health, kept only while the room is live (a report racing the room's eviction stores nothing). */
  private static final String SAVE_HEALTH = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
      return 1""";

  private final Redis redis;
  private final KnownRooms known = new KnownRooms();
  /** This store's part of every stamp it writes; with the counter, a stamp no other write in the cluster has. */
  private final String stampTag;
  private final AtomicLong writes = new AtomicLong();
  /** What {@link #awaitReplicas} waits for. */
  private final ReplicaConfirmations replicas;

  /** {@code nodeId}: this node's name in the cluster, unique among the nodes and new at each start. */
  public RedisRoomStore(Redis redis, String nodeId) {
    this(redis, nodeId, ReplicaConfirmations.NONE);
  }

  /** As above; {@code replicas}: what a decision waits for before it is acknowledged. */
  RedisRoomStore(Redis redis, String nodeId, ReplicaConfirmations replicas) {
    this.replicas = replicas;
    this.redis = redis;
    this.stampTag = nodeId + ":";
  }

  private String nextStamp() {
    return stampTag + writes.incrementAndGet();
  }

  @Override
  public boolean create(Room room) {
    String stamp = nextStamp();
    boolean created = redis.script(CREATE, new String[] {roomKey(room.id()), roomsKey(), upkeepKey()},
        Long.toString(room.revision()), RoomJson.write(room, false), room.id().value(), flag(room), stamp) == 1;
    if (created) known.put(stamp, room);
    return created;
  }

  private static String flag(Room room) {
    return RoomStore.needsUpkeep(room) ? "1" : "0";
  }

  @Override
  public Optional<Room> get(RoomId id) {
    KnownRooms.Stamp knownBy = known.stampOf(id);
    List<Object> answer = redis.scriptAnswer(GET, new String[] {roomKey(id), healthKey(id)},
        knownBy == null ? "" : knownBy.stamp(), knownBy == null ? "" : Long.toString(knownBy.revision()));
    if (answer.isEmpty()) {
      known.forget(id);
      return Optional.empty();
    }
    String stamp = (String) answer.get(0);
    String json = (String) answer.get(1);
    Map<String, String> health = pairs(answer.get(2));
    long revision = Long.parseLong((String) answer.get(3));
    String playback = (String) answer.get(4);
    if (json == null) {
      Room room = playback == null ? known.with(id, stamp, health) : known.moved(id, stamp, health, playback, revision);
      // Forgotten meanwhile (another thread's failed swap, the bound): read it whole.
      if (room != null) return Optional.of(room);
      known.forget(id);
      return read(List.of(id), redis.async()).stream().findFirst();
    }
    Room room = composed(RoomJson.read(json, health), playback, revision);
    known.putRead(stamp, room, health);
    return Optional.of(room);
  }

  /** A room read whole, with the playback written after it, when there is one. */
  private static Room composed(Room whole, String playback, long revision) {
    return playback == null ? whole : RoomJson.withPlayback(whole, playback, revision);
  }

  /** How many members the rooms this node knows by their stamp hold (tests). */
  int knownMembers() {
    return known.weight();
  }

  /** Redis's flat list of a hash's fields and values, as a map. */
  private static Map<String, String> pairs(Object flat) {
    List<?> list = (List<?>) flat;
    Map<String, String> map = new java.util.HashMap<>(list.size());
    for (int i = 0; i + 1 < list.size(); i += 2) map.put((String) list.get(i), (String) list.get(i + 1));
    return map;
  }

  /**
   * The rooms of these ids that are live, read with every command sent before the first answer is awaited: one
   * round trip for them all. A room and its health are not read at one moment: a report landing between is newer.
   */
  private List<Room> read(List<RoomId> ids, RedisAsyncCommands<String, String> on) {
    return Redis.idempotent(() -> {
      List<RedisFuture<List<KeyValue<String, String>>>> states = new ArrayList<>(ids.size());
      List<RedisFuture<Map<String, String>>> healths = new ArrayList<>(ids.size());
      for (RoomId id : ids) {
        states.add(on.hmget(roomKey(id), "state", "rev", "playrev", "play"));
        healths.add(on.hgetall(healthKey(id)));
      }
      List<Room> rooms = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        List<KeyValue<String, String>> state = Redis.await(states.get(i));
        Map<String, String> figures = Redis.await(healths.get(i));
        String json = state.get(0).getValueOrElse(null);
        if (json == null) continue;
        String rev = state.get(1).getValueOrElse(null);
        boolean playbackIsLatest = rev != null && rev.equals(state.get(2).getValueOrElse(null));
        rooms.add(composed(RoomJson.read(json, figures), playbackIsLatest ? state.get(3).getValueOrElse(null) : null,
            playbackIsLatest ? Long.parseLong(rev) : 0));
      }
      return rooms;
    });
  }

  /** The live rooms of these ids, {@link #READ_BATCH} at a time, on the connection of background passes. */
  private List<Room> readAll(Collection<String> ids) {
    List<Room> rooms = new ArrayList<>(ids.size());
    List<RoomId> batch = new ArrayList<>(READ_BATCH);
    for (String id : ids) {
      batch.add(new RoomId(id));
      if (batch.size() == READ_BATCH) {
        rooms.addAll(read(batch, redis.bulkAsync()));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) rooms.addAll(read(batch, redis.bulkAsync()));
    return rooms;
  }

  @Override
  public boolean replace(long expectedRevision, Room next) {
    if (next.revision() == expectedRevision) {
      throw new IllegalArgumentException("a replacement must move the revision on: " + expectedRevision);
    }
    String[] keys = {roomKey(next.id()), upkeepKey()};
    String state = RoomJson.write(next, false);
    String stamp = nextStamp();
    String[] args = {Long.toString(expectedRevision), Long.toString(next.revision()), state, next.id().value(), flag(next),
        stamp};
    known.forget(next.id());
    boolean swapped;
    try {
      swapped = redis.replicatedScriptOnce(REPLACE, keys, args) == 1;
    } catch (RedisCommandTimeoutException late) {
      // The answer came too late (this node starved for a moment): the swap may have been made. The room under this
      // write's stamp says it was; still at the expected revision, it was not, and is asked again.
      List<KeyValue<String, String>> now = Redis.idempotent(() -> redis.sync().hmget(keys[0], "rev", "stamp"));
      String rev = now.get(0).getValueOrElse(null);
      swapped = args[1].equals(rev) && stamp.equals(now.get(1).getValueOrElse(null))
          || args[0].equals(rev) && redis.replicatedScript(REPLACE, keys, args) == 1;
    }
    if (swapped) known.put(stamp, next);
    return swapped;
  }

  /**
   * The playback alone, when this node knows the room at {@code expectedRevision} by its stamp (it read or wrote it
   * last, as the deciding node as a rule has); else, or when Redis holds another rest under that revision, whole.
   */
  @Override
  public boolean replacePlayback(long expectedRevision, Room next) {
    KnownRooms.Stamp knownBy = known.stampOf(next.id());
    if (knownBy == null || knownBy.revision() != expectedRevision
        || next.revision() == expectedRevision) {
      return replace(expectedRevision, next);
    }
    String[] keys = {roomKey(next.id()), upkeepKey()};
    String[] args = {Long.toString(expectedRevision), Long.toString(next.revision()), RoomJson.writePlayback(next),
        next.id().value(), flag(next), knownBy.stamp(), nextStamp()};
    long answer;
    try {
      answer = redis.replicatedScriptOnce(REPLACE_PLAYBACK, keys, args);
    } catch (RedisCommandTimeoutException late) {
      // As in replace: the playback's own stamp says whether the late write was made.
      known.forget(next.id());
      String by = Redis.idempotent(() -> redis.sync().hget(keys[0], "playby"));
      if (args[6].equals(by)) {
        known.put(knownBy.stamp(), next);
        return true;
      }
      return replace(expectedRevision, next);
    }
    if (answer == -1) return replace(expectedRevision, next);
    if (answer != 1) {
      known.forget(next.id());
      return false;
    }
    if (!known.played(next.id(), knownBy.stamp(), next)) known.put(knownBy.stamp(), next);
    return true;
  }

  /** Waits for Redis's replicas to have this node's replacements so far (see {@link ReplicaConfirmations}). */
  @Override
  public void awaitReplicas() {
    replicas.confirm();
  }

  @Override
  public boolean remove(RoomId id, long expectedRevision) {
    known.forget(id);
    return redis.script(REMOVE, new String[] {roomKey(id), roomsKey(), healthKey(id), upkeepKey()},
        Long.toString(expectedRevision), id.value()) == 1;
  }

  @Override
  public void saveHealth(RoomId roomId, Member member) {
    redis.script(SAVE_HEALTH, new String[] {roomKey(roomId), healthKey(roomId)}, member.id().value(),
        MemberJson.health(member));
  }

  @Override
  public void forgetHealth(RoomId roomId, Collection<MemberId> members) {
    if (members.isEmpty()) return;
    String[] ids = members.stream().map(MemberId::value).toArray(String[]::new);
    Redis.call(() -> redis.sync().hdel(healthKey(roomId), ids));
  }

  @Override
  public Collection<Room> all() {
    return readAll(Redis.call(() -> redis.bulkSync().smembers(roomsKey())));
  }

  /** Only the share's rooms are read; their ids are all read (a few bytes each) to pick them. */
  @Override
  public Collection<Room> share(int index, int shares) {
    List<String> ids = new ArrayList<>();
    for (String id : Redis.call(() -> redis.bulkSync().smembers(roomsKey()))) {
      if (RoomStore.shareOf(new RoomId(id), shares) == index) ids.add(id);
    }
    return readAll(ids);
  }

  @Override
  public Collection<Room> needingUpkeep() {
    return readAll(Redis.call(() -> redis.bulkSync().smembers(upkeepKey())));
  }

  @Override
  public int count() {
    return Math.toIntExact(Redis.call(() -> redis.sync().scard(roomsKey())));
  }

  private String roomKey(RoomId id) {
    return redis.key("room:" + id.value());
  }

  /** Each member's sync health, apart from the room's JSON: a report writes its member's entry alone. */
  private String healthKey(RoomId id) {
    return redis.key("room-health:" + id.value());
  }

  /** The live rooms {@link RoomStore#needsUpkeep} picks, kept by the scripts that write rooms. */
  private String upkeepKey() {
    return redis.key("rooms-upkeep");
  }

  private String roomsKey() {
    return redis.key("rooms");
  }
}
