package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomLocking;
import dev.cowatch.server.room.RoomLocks;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's lock across the cluster: this node's own lock first (so one thread per room and node asks
 * Redis), then a lease in Redis ({@code SET NX PX}) that another node waits for. The lease expires by
 * itself, so a node killed while holding it blocks its rooms for {@link #LEASE} at most; a node that
 * held it too long (a pause longer than the lease) is still caught by the store's compare-and-set.
 */
public final class RedisRoomLocks implements RoomLocking {
  private static final Logger log = LoggerFactory.getLogger(RedisRoomLocks.class);
  /** Far longer than any decision (a few ms, with its database writes), short enough to survive a kill -9. */
  static final Duration LEASE = Duration.ofSeconds(5);
  /** How long a decision waits for another node's lease before the request is refused. */
  static final Duration WAIT = Duration.ofSeconds(6);
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0""";

  private final Redis redis;
  private final RoomLocks local;
  private final LongSupplier nanoTime;
  private final String nodeId;
  private final AtomicLong leases = new AtomicLong();
  /** The leases this thread holds and how deep: a decision may call into its own room again. */
  private final ThreadLocal<Map<RoomId, Integer>> held = ThreadLocal.withInitial(HashMap::new);

  /** {@code nodeId}: this node's name in the cluster, unique among the nodes. */
  public RedisRoomLocks(Redis redis, RoomLocks local, String nodeId, LongSupplier nanoTime) {
    this.redis = redis;
    this.nodeId = nodeId;
    this.local = local;
    this.nanoTime = nanoTime;
  }

  @Override
  public <T> T call(RoomId roomId, Supplier<T> work) {
    return local.call(roomId, () -> {
      Map<RoomId, Integer> mine = held.get();
      Integer depth = mine.get(roomId);
      if (depth != null) {
        mine.put(roomId, depth + 1);
        try {
          return work.get();
        } finally {
          mine.put(roomId, depth);
        }
      }
      String token = acquire(roomId);
      mine.put(roomId, 1);
      try {
        return work.get();
      } finally {
        mine.remove(roomId);
        release(roomId, token);
      }
    });
  }

  private void release(RoomId roomId, String token) {
    try {
      redis.script(RELEASE, new String[] {key(roomId)}, token);
    } catch (Refusal unavailable) {
      // The lease runs out by itself; what the decision did stands.
      log.warn("could not release the lease of room {}: {}", roomId, unavailable.getMessage());
    }
  }

  private String acquire(RoomId roomId) {
    // The token only tells this lease from a later holder's at release: not a secret.
    String token = nodeId + ":" + leases.incrementAndGet();
    long deadline = nanoTime.getAsLong() + WAIT.toNanos();
    SetArgs lease = SetArgs.Builder.nx().px(LEASE.toMillis());
    for (int attempt = 0; ; attempt++) {
      if ("OK".equals(Redis.call(() -> redis.sync().set(key(roomId), token, lease)))) return token;
      if (nanoTime.getAsLong() > deadline) {
        throw new Refusal(Refusal.Kind.CAPACITY, "room-busy", "the room is busy on another node; try again");
      }
      // Another node decides for this room: decisions take milliseconds, so wait about that long.
      sleepMillis(Math.min(1 + attempt, 10));
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a room's lease", e);
    }
  }

  private String key(RoomId roomId) {
    return redis.key("lock:" + roomId.value());
  }
}
