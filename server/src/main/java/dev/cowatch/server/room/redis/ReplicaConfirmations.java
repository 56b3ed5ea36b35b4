package dev.cowatch.server.room.redis;

import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.redis.Redis;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's decision is on Redis's replicas before anyone is told of it. Redis replicates asynchronously: a decision
 * its primary took and the members heard, then lost with the primary before its replica had it, would come back from
 * the promoted replica as an older room, and the next decision would name the lost one's version with another timeline
 * (a version naming two timelines: members who heard the first drop the second). So after each decision's write this
 * node asks Redis to WAIT until the replicas have it, and refuses the decision (try again) when they do not confirm it
 * in time.
 *
 * <p>Which replicas: those the primary counts as online and heard from within {@link #MAX_LAG_S}, read from
 * {@code INFO replication} every {@link #POLL}. A Redis without replicas (the default) costs nothing; a replica that
 * stopped answering is waited for until it is that late, and then no longer (as Redis's own {@code min-replicas-max-lag}
 * judges one): the rooms go on without it rather than stop with it, and what a promotion may then lose is written down
 * in docs/operations.md.
 */
final class ReplicaConfirmations implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaConfirmations.class);

  /** How often the replicas are counted. */
  static final Duration POLL = Duration.ofSeconds(1);
  /** A replica heard from longer ago than this is not waited for (they report every second). */
  static final long MAX_LAG_S = 2;
  /** How long a decision waits for its replicas; well inside Redis's command timeout. */
  static final Duration CONFIRM_WITHIN = Duration.ofMillis(1_000);
  /** A count older than this (Redis away, or just failed over) is not trusted: nothing is waited for until a new one. */
  static final Duration STALE = Duration.ofSeconds(3);

  /** Waits for nothing: stores of tests on one Redis, and deployments without replicas. */
  static final ReplicaConfirmations NONE = new ReplicaConfirmations(null, System::nanoTime);

  private final Redis redis;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService poller;
  private volatile Count last;

  /** A count of the replicas, when it was taken, and how many reconnects there had been before it was asked. */
  private record Count(int replicas, long atNanos, long reconnects) {}

  private ReplicaConfirmations(Redis redis, LongSupplier nanoTime) {
    this.redis = redis;
    this.nanoTime = nanoTime;
    this.last = new Count(0, nanoTime.getAsLong(), 0);
    this.poller = redis == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cowatch-redis-replicas");
      t.setDaemon(true);
      return t;
    });
  }

  /** Counts {@code redis}'s replicas now and every {@link #POLL}; {@link #close} stops. */
  static ReplicaConfirmations of(Redis redis) {
    ReplicaConfirmations confirmations = new ReplicaConfirmations(redis, System::nanoTime);
    confirmations.count();
    confirmations.poller.scheduleWithFixedDelay(confirmations::count, POLL.toMillis(), POLL.toMillis(),
        TimeUnit.MILLISECONDS);
    return confirmations;
  }

  /** Counts {@code redis}'s replicas now and not again by itself (tests see what a decision does with an old count). */
  static ReplicaConfirmations countedOnce(Redis redis) {
    ReplicaConfirmations confirmations = new ReplicaConfirmations(redis, System::nanoTime);
    confirmations.count();
    return confirmations;
  }

  /**
   * Returns once the replicas have every write this node made on the replicated writes' connection (none to wait for:
   * at once); refuses, as Redis being away is refused, when they did not confirm in time.
   */
  void confirm() {
    if (redis == null) return;
    if (!redis.lastReplicatedWriteOnThisConnection()) {
      log.warn("a decision was refused: Redis's connection was made again after it was written");
      throw refused();
    }
    // Counted before the writes' connection was made again: of another Redis, perhaps the primary that died, whose
    // replica this node now writes to (the poll would say so within a second, and refuse decisions meanwhile). This
    // decision was written after it, so the count is of the Redis that has it.
    if (last.reconnects() != redis.replicatedReconnects()) countOn(redis::replicationInfoOfWrites);
    int needed = replicasNow();
    if (needed == 0) return;
    long confirmed = redis.awaitReplicas(needed, CONFIRM_WITHIN);
    if (confirmed < needed) {
      log.warn("a decision was refused: {} of {} Redis replicas confirmed it within {} ms", confirmed, needed,
          CONFIRM_WITHIN.toMillis());
      throw refused();
    }
  }

  private static Refusal refused() {
    return new Refusal(Refusal.Kind.CAPACITY, "unavailable",
        "the rooms' shared store (Redis) did not copy the change to its replica in time; try again in a moment");
  }

  /** The replicas to wait for now: the last count, unless it is stale. */
  int replicasNow() {
    Count c = last;
    return nanoTime.getAsLong() - c.atNanos() > STALE.toNanos() ? 0 : c.replicas();
  }

  private void count() {
    countOn(redis::replicationInfo);
  }

  private void countOn(Supplier<String> replicationInfo) {
    try {
      long reconnectsBefore = redis.replicatedReconnects();
      int now = healthyReplicas(replicationInfo.get());
      if (now != last.replicas()) log.info("decisions wait for {} Redis replica(s) to confirm them", now);
      last = new Count(now, nanoTime.getAsLong(), reconnectsBefore);
    } catch (RuntimeException e) {
      // Redis away: decisions are refused by it anyway; the count goes stale and is trusted no longer.
      log.debug("could not count Redis's replicas: {}", e.toString());
    }
  }

  /**
   * The replicas an {@code INFO replication} answer names online and heard from within {@link #MAX_LAG_S}; none when
   * the answer is a replica's own (a primary demoted after a failover answers so until the node reconnects).
   */
  static int healthyReplicas(String info) {
    if (!info.contains("role:master")) return 0;
    int healthy = 0;
    for (String line : info.split("\r?\n")) {
      if (!line.matches("slave\\d+:.*")) continue;
      boolean online = false;
      long lag = Long.MAX_VALUE;
      for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
        if (field.equals("state=online")) online = true;
        if (field.startsWith("lag=")) lag = Long.parseLong(field.substring(4));
      }
      if (online && lag <= MAX_LAG_S) healthy++;
    }
    return healthy;
  }

  @Override
  public void close() {
    if (poller != null) poller.shutdownNow();
  }
}
