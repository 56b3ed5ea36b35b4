package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.redis.Redis;
import io.lettuce.core.SetArgs;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's lease in Redis, as one node asks for it: {@code SET NX PX} under a token of this node's, given back
 * only by the token's holder (a script), and a notice of each release on a channel every node hears, so a
 * node waiting for another's lease asks again at once rather than polling. Which of this node's decisions
 * holds the lease, and when it passes it on, is {@link RedisRoomLocks}'s.
 */
final class RedisLeases {
  private static final Logger log = LoggerFactory.getLogger(RedisLeases.class);

  /** Gives the lease back if it is still this holder's, and says so on the release channel (ARGV[3]) with the room (ARGV[2]). */
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('DEL', KEYS[1])
      redis.call('PUBLISH', ARGV[3], ARGV[2])
      return 1""";

  private final Redis redis;
  private final String nodeId;
  private final SetArgs asking;
  private final LongSupplier nanoTime;
  private final AtomicLong issued = new AtomicLong();
  /** Every node hears each released lease's room here. */
  private final byte[] releases;
  /** The one thread per room of this node that waits for another node's lease, woken by its release notice. */
  private final ConcurrentHashMap<RoomId, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
  private final long leaseNanos;
  /** Leases whose release Redis did not answer, by token: given back again once it answers ({@link #releaseAgain}). */
  private final ConcurrentHashMap<String, Unreleased> unreleased = new ConcurrentHashMap<>();

  private record Unreleased(RoomId roomId, long lapsesAt) {}

  RedisLeases(Redis redis, String nodeId, Duration lease, LongSupplier nanoTime) {
    this.redis = redis;
    this.nodeId = nodeId;
    this.asking = SetArgs.Builder.nx().px(lease.toMillis());
    this.nanoTime = nanoTime;
    this.leaseNanos = lease.toNanos();
    this.releases = redis.key("lease-released").getBytes(StandardCharsets.UTF_8);
    redis.pubSub().addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(byte[] channel, byte[] room) {
        if (!Arrays.equals(channel, releases)) return;
        CompletableFuture<Void> waiter = waiting.get(new RoomId(new String(room, StandardCharsets.UTF_8)));
        if (waiter != null) waiter.complete(null);
      }
    });
    Redis.call(() -> {
      redis.pubSub().sync().subscribe(releases);
      return null;
    });
  }

  /** The room's lease key (its renewals extend it too). */
  String key(RoomId roomId) {
    return redis.key("lock:" + roomId.value());
  }

  /** The lease's token if nobody held it; null if another did. */
  String tryTake(RoomId roomId) {
    String token = newToken();
    if (Unfenced.ON) return token;
    return "OK".equals(Redis.call(() -> redis.sync().set(key(roomId), token, asking))) ? token : null;
  }

  /**
   * The lease's token, once nobody else holds it: asked again at each release notice for the room, or every
   * {@code unwokenRetry} without one. Refused as "unavailable" after {@code wait}.
   */
  String take(RoomId roomId, Duration wait, Duration unwokenRetry) {
    String token = newToken();
    long deadline = nanoTime.getAsLong() + wait.toNanos();
    while (true) {
      // Waiting before asking: a release between this attempt and the wait below still wakes it.
      CompletableFuture<Void> released = new CompletableFuture<>();
      waiting.put(roomId, released);
      try {
        if (took(roomId, token)) return token;
        if (nanoTime.getAsLong() > deadline) {
          log.warn("waited {} s for the lease of room {}, held by {}", wait.toSeconds(), roomId,
              Redis.call(() -> redis.sync().get(key(roomId))));
          // "unavailable": the socket's code for "try again in a moment" (close 1013 on a hello), 503 over HTTP.
          throw new Refusal(Refusal.Kind.CAPACITY, "unavailable", "the room is busy on another node; try again");
        }
        awaitRelease(released, unwokenRetry);
      } finally {
        waiting.remove(roomId, released);
      }
    }
  }

  /**
   * Gives the lease back if {@code token} still holds it; every node hears that it is free. A release Redis did not
   * answer (a failover under way, a cut) is sent again as soon as it answers: the lease would otherwise stay until it
   * lapsed, on the promoted replica too, and every node's decisions for the room (this node's own next one as well)
   * would wait for it. In the fault runs those were the longest refusals after a Redis failover.
   */
  void giveBack(RoomId roomId, String token) {
    try {
      release(roomId, token);
    } catch (Refusal unavailable) {
      unreleased.put(token, new Unreleased(roomId, nanoTime.getAsLong() + leaseNanos));
      log.warn("could not release the lease of room {}: {}; asked again once Redis answers", roomId,
          unavailable.getMessage());
    }
  }

  /**
   * Sends again each release Redis did not answer, until one is refused again (Redis is still away: the next pass
   * tries) or the lease would have lapsed by itself. Only the token's holder's lease goes: a later holder's stays.
   */
  void releaseAgain() {
    if (unreleased.isEmpty()) return;
    for (Map.Entry<String, Unreleased> e : unreleased.entrySet()) {
      Unreleased lease = e.getValue();
      if (nanoTime.getAsLong() - lease.lapsesAt() > 0) {
        unreleased.remove(e.getKey(), lease);
        continue;
      }
      try {
        release(lease.roomId(), e.getKey());
        unreleased.remove(e.getKey(), lease);
        log.info("released the lease of room {} once Redis answered again", lease.roomId());
      } catch (Refusal stillAway) {
        return;
      }
    }
  }

  private void release(RoomId roomId, String token) {
    redis.script(RELEASE, new String[] {key(roomId)}, token, roomId.value(),
        new String(releases, StandardCharsets.UTF_8));
  }

  /** The token only tells this lease from a later holder's at release: not a secret. */
  private String newToken() {
    return nodeId + ":" + issued.incrementAndGet();
  }

  /**
   * Asks for the lease. An answer that did not come in time (this node starved for a moment) may still have been a
   * yes: whether the lease is this token's then says.
   */
  private boolean took(RoomId roomId, String token) {
    if (Unfenced.ON) return true;
    try {
      return "OK".equals(redis.sync().set(key(roomId), token, asking));
    } catch (io.lettuce.core.RedisCommandTimeoutException late) {
      return token.equals(Redis.idempotent(() -> redis.sync().get(key(roomId))));
    } catch (io.lettuce.core.RedisException e) {
      throw Redis.unavailable(e);
    }
  }

  /** Until another node's release notice for the room comes, or {@code unwokenRetry} without one. */
  private static void awaitRelease(CompletableFuture<Void> released, Duration unwokenRetry) {
    try {
      released.get(unwokenRetry.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Asked again anyway: a notice lost with a connection, or a lease that lapsed.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a room's lease", e);
    }
  }
}
