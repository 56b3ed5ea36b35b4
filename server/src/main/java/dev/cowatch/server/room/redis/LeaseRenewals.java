package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.CountedWarnings;
import dev.cowatch.server.platform.redis.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewal pass of {@link RedisRoomLocks}: every lease this node holds is renewed, and a lease found gone (this
 * node starved past it, and perhaps another node took it) is marked so that the next decision for its room asks anew.
 */
final class LeaseRenewals {
  private static final Logger log = LoggerFactory.getLogger(LeaseRenewals.class);
  /** Renews the leases named in KEYS whose tokens are ARGV[2..]; returns a bit for each that lapsed. */
  private static final String RENEW_ALL = """
      local lapsed = 0
      for i = 1, #KEYS do
        if redis.call('GET', KEYS[i]) == ARGV[i + 1] then redis.call('PEXPIRE', KEYS[i], ARGV[1])
        else lapsed = lapsed + 2 ^ (i - 1) end
      end
      return lapsed""";
  /** Leases renewed per script call: each lapsed one is a bit of the answer, which Lua holds exactly up to 2^53. */
  static final int BATCH = 50;

  private final Redis redis;
  private final Function<RoomId, String> key;
  private final Duration lease;
  private final LongSupplier nanoTime;
  private final CountedWarnings lapses = new CountedWarnings();

  /** {@code key}: the Redis key of a room's lease. */
  LeaseRenewals(Redis redis, Function<RoomId, String> key, Duration lease, LongSupplier nanoTime) {
    this.redis = redis;
    this.key = key;
    this.lease = lease;
    this.nanoTime = nanoTime;
  }

  /**
   * Renews every lease this node holds, {@link #BATCH} to a script call, every call sent before the first answer
   * is awaited. One task for all of them: a task per lease, each a round trip of its own on one thread, fell behind in
   * a join storm (hundreds of leases held at once, each decision waiting for the database) and thousands lapsed; and
   * batches awaited one after another still took a round trip each on a starved node (hundreds of leases lapsed in a
   * capacity run's storm and when its 50,000 viewers left at once).
   */
  void renewAll(Map<RoomId, RedisRoomLocks.Turn> turns) {
    try {
      List<Batch> sent = new ArrayList<>();
      Batch batch = new Batch();
      for (Map.Entry<RoomId, RedisRoomLocks.Turn> e : turns.entrySet()) {
        String token = e.getValue().token;
        if (token == null || e.getValue().lapsed) continue;
        batch.add(e.getKey(), e.getValue(), token);
        if (batch.rooms.size() == BATCH) {
          sent.add(send(batch));
          batch = new Batch();
        }
      }
      if (!batch.rooms.isEmpty()) sent.add(send(batch));
      for (Batch b : sent) markLapsed(b);
    } catch (RuntimeException e) {
      // Redis is away: the decisions' own writes will say so; the next pass tries again.
      log.warn("could not renew this node's room leases: {}", e.getMessage());
    }
  }

  /** One script call's leases, and its answer once sent. */
  private static final class Batch {
    final List<RoomId> rooms = new ArrayList<>(BATCH);
    final List<RedisRoomLocks.Turn> held = new ArrayList<>(BATCH);
    final List<String> tokens = new ArrayList<>(BATCH);
    LongSupplier lapsed;

    void add(RoomId room, RedisRoomLocks.Turn turn, String token) {
      rooms.add(room);
      held.add(turn);
      tokens.add(token);
    }
  }

  private Batch send(Batch b) {
    String[] keys = b.rooms.stream().map(key).toArray(String[]::new);
    String[] args = new String[b.tokens.size() + 1];
    args[0] = Long.toString(lease.toMillis());
    for (int i = 0; i < b.tokens.size(); i++) args[i + 1] = b.tokens.get(i);
    b.lapsed = redis.scriptSent(RENEW_ALL, keys, args);
    return b;
  }

  /** Waits for a batch's answer and marks the leases it found gone. */
  private void markLapsed(Batch b) {
    long lapsed = b.lapsed.getAsLong();
    for (int i = 0; i < b.rooms.size(); i++) {
      // Only if the turn still holds that lease (the same token, by identity): it may have been given back meanwhile.
      if ((lapsed & (1L << i)) != 0 && b.held.get(i).token == b.tokens.get(i)) {
        b.held.get(i).lapsed = true;
        // Hundreds at once when a node was starved past its leases.
        long n = lapses.count(nanoTime.getAsLong());
        if (n > 0) {
          log.warn("the lease of room {} lapsed while this node decided for it; {} lapsed since this node started",
              b.rooms.get(i), n);
        }
      }
    }
  }
}
