package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.RoomLocking;
import dev.cowatch.server.room.RoomLocks;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's lock across the cluster: this node's own lock first (so one thread per room and node asks
 * Redis), then a lease in Redis ({@code SET NX PX}) that another node waits for. The lease expires by
 * itself, so a node killed while holding it blocks its rooms for {@link #LEASE} at most. A holder that
 * is slow but alive (a machine starved of CPU: seen in a join storm on two busy cores, where decisions
 * took seconds and another node took the lapsed lease mid-decision) renews its lease every third of
 * it while it holds it; a node that stalls entirely (a pause longer than the lease)
 * is still caught by the store's compare-and-set.
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
  private static final String RENEW = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return 0""";

  private final Redis redis;
  private final RoomLocks local;
  private final LongSupplier nanoTime;
  private final String nodeId;
  private final AtomicLong leases = new AtomicLong();
  /** The leases this thread holds and how deep: a decision may call into its own room again. */
  private final ThreadLocal<Map<RoomId, Integer>> held = ThreadLocal.withInitial(HashMap::new);

  private final ScheduledExecutorService renewals;
  private final Duration lease;

  /** {@code nodeId}: this node's name in the cluster, unique among the nodes. */
  public RedisRoomLocks(Redis redis, RoomLocks local, String nodeId, LongSupplier nanoTime) {
    this(redis, local, nodeId, nanoTime, LEASE);
  }

  /** With another lease (tests watch one lapse, or not, in less than a second). */
  RedisRoomLocks(Redis redis, RoomLocks local, String nodeId, LongSupplier nanoTime, Duration lease) {
    this.lease = lease;
    this.redis = redis;
    this.nodeId = nodeId;
    this.local = local;
    this.nanoTime = nanoTime;
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "cowatch-lease-renewal");
      t.setDaemon(true);
      return t;
    });
    // Nearly every decision ends long before its renewal is due: the cancelled task must not linger.
    timer.setRemoveOnCancelPolicy(true);
    this.renewals = timer;
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
      // A third of the lease: two renewals may be late before it lapses.
      long every = lease.toMillis() / 3;
      ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(roomId, token), every, every,
          TimeUnit.MILLISECONDS);
      try {
        return work.get();
      } finally {
        renewal.cancel(false);
        mine.remove(roomId);
        release(roomId, token);
      }
    });
  }

  private void renew(RoomId roomId, String token) {
    try {
      if (redis.script(RENEW, new String[] {key(roomId)}, token, Long.toString(lease.toMillis())) == 0) {
        log.warn("the lease of room {} lapsed while this node decided for it", roomId);
      }
    } catch (RuntimeException e) {
      // Redis is away: the decision's own writes will say so.
      log.warn("could not renew the lease of room {}: {}", roomId, e.getMessage());
    }
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
    SetArgs args = SetArgs.Builder.nx().px(lease.toMillis());
    for (int attempt = 0; ; attempt++) {
      if ("OK".equals(Redis.call(() -> redis.sync().set(key(roomId), token, args)))) return token;
      if (nanoTime.getAsLong() > deadline) {
        // "unavailable": the socket's code for "try again in a moment" (close 1013 on a hello), 503 over HTTP.
        throw new Refusal(Refusal.Kind.CAPACITY, "unavailable", "the room is busy on another node; try again");
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
