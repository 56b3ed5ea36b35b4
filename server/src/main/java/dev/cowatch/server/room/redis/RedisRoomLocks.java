package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.CountedWarnings;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.live.RoomLocking;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's lock across the cluster: this node's own lock for the room first (so one thread per room
 * and node asks Redis), then a lease in Redis ({@code SET NX PX}) that another node waits for. The
 * lease expires by itself, so a node killed while holding it blocks its rooms for {@link #LEASE} at
 * most. A holder that is slow but alive (a machine starved of CPU: seen in a join storm on two busy
 * cores, where decisions took seconds and another node took the lapsed lease mid-decision) renews its
 * lease every third of it while it holds it; a node that stalls entirely (a pause longer than the
 * lease) is still caught by the store's compare-and-set.
 *
 * <p>A decision that ends while another of this node's decisions for the same room waits passes the
 * lease on to it instead of giving it back, within {@link LeaseTurns} (a node's queue for a room then
 * costs one lease; see there why).
 */
public final class RedisRoomLocks implements RoomLocking {
  private static final Logger log = LoggerFactory.getLogger(RedisRoomLocks.class);
  /** Far longer than any decision (a few ms, with its database writes), short enough to survive a kill -9. */
  static final Duration LEASE = Duration.ofSeconds(5);
  /**
   * How long a decision waits for another node's lease before the request is refused. Longer than a killed holder's
   * lease takes to lapse, and than the queue of a room's joins over three nodes in a join storm on two saturated
   * cores: in the capacity run (50,000 viewers, 1,500 joining at once) a room's lease was held up to 4-6 s at a time
   * while its ten members joined, and at 6 s 200-330 joins a run were refused, each then dialled again by its client,
   * a new socket and hello on the same busy nodes. Waiting costs the join nothing but time: its socket goes on
   * answering pings meanwhile.
   */
  static final Duration WAIT = Duration.ofSeconds(15);

  /** A lease held longer than this (a decision takes milliseconds) is counted, and logged now and then. */
  static final Duration LONG_HOLD = Duration.ofSeconds(5);
  private final CountedWarnings longHolds = new CountedWarnings();
  /**
   * How often a release Redis did not answer is sent again: a fifth of Lettuce's longest reconnect delay, so the
   * lease goes within moments of Redis answering again. Nothing is sent while none waits.
   */
  static final Duration RELEASE_AGAIN = Duration.ofMillis(50);

  private final RedisLeases leases;
  private final LongSupplier nanoTime;
  /** The rooms this node decides for or waits to, each while anyone here does. */
  private final ConcurrentHashMap<RoomId, Turn> turns = new ConcurrentHashMap<>();
  private final LeaseTurns policy;

  private final ScheduledExecutorService renewals;
  private final LeaseRenewals renewing;

  /** {@code nodeId}: this node's name in the cluster, unique among the nodes. */
  public RedisRoomLocks(Redis redis, String nodeId, LongSupplier nanoTime) {
    this(redis, nodeId, nanoTime, LEASE, LeaseTurns.standard());
  }

  /** With another lease and hand-off (tests watch one lapse, or not, in less than a second). */
  RedisRoomLocks(Redis redis, String nodeId, LongSupplier nanoTime, Duration lease, LeaseTurns policy) {
    this.nanoTime = nanoTime;
    this.policy = policy;
    this.leases = new RedisLeases(redis, nodeId, lease, nanoTime);
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "cowatch-lease-renewal");
      t.setDaemon(true);
      return t;
    });
    this.renewals = timer;
    // A third of the lease: two renewals may be late before it lapses. With a fixed delay, a pass that
    // ran late is not followed by a burst of catching up.
    long every = lease.toMillis() / 3;
    this.renewing = new LeaseRenewals(redis, leases::key, lease, nanoTime);
    timer.scheduleWithFixedDelay(() -> renewing.renewAll(turns), every, every, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(leases::releaseAgain, RELEASE_AGAIN.toMillis(), RELEASE_AGAIN.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * One room on this node: its lock, and the lease while this node holds it. {@code users} counts the
   * threads that hold or wait for the lock (changed only inside the map's compute, which also drops the
   * entry at 0); the other fields are touched only under the lock.
   */
  static final class Turn {
    final ReentrantLock lock = new ReentrantLock();
    volatile int users;
    /** Read by the renewal pass too. */
    volatile String token;
    long heldSince;
    boolean yielded;
    long yieldedAt;
    /** Set by a renewal that found the lease gone (a node starved past it): the next decision asks anew. */
    volatile boolean lapsed;
  }

  @Override
  public <T> T call(RoomId roomId, Supplier<T> work) {
    // A decision may call into its own room again: it holds both the lock and the lease already.
    if (heldByThisThread(roomId)) return work.get();
    Turn turn = enter(roomId);
    turn.lock.lock();
    try {
      dropLapsed(roomId, turn);
      if (turn.token == null) take(roomId, turn);
      return withLease(roomId, turn, work);
    } finally {
      turn.lock.unlock();
      leave(roomId);
    }
  }

  @Override
  public void runUnless(RoomId roomId, BooleanSupplier needless, Runnable work) {
    if (heldByThisThread(roomId)) {
      if (!needless.getAsBoolean()) work.run();
      return;
    }
    Turn turn = enter(roomId);
    turn.lock.lock();
    try {
      dropLapsed(roomId, turn);
      if (needless.getAsBoolean()) {
        // A lease passed on to this thread goes on to the next, or back.
        handOn(roomId, turn);
        return;
      }
      if (turn.token == null) take(roomId, turn);
      withLease(roomId, turn, () -> {
        work.run();
        return null;
      });
    } finally {
      turn.lock.unlock();
      leave(roomId);
    }
  }

  /**
   * {@link #call}, but only if neither this node's lock for the room nor another node's lease is in the way: a
   * periodic job (the presence flush, one thread for every room) must not queue behind a room's decisions for
   * seconds, and what it would do is done at its next turn as well. A node that just gave the lease back to let the
   * others go first does not take it back here either.
   */
  @Override
  public boolean runIfFree(RoomId roomId, Runnable work) {
    if (heldByThisThread(roomId)) {
      work.run();
      return true;
    }
    Turn turn = enter(roomId);
    try {
      if (!turn.lock.tryLock()) return false;
      try {
        dropLapsed(roomId, turn);
        if (turn.token == null && !tryTake(roomId, turn)) return false;
        withLease(roomId, turn, () -> {
          work.run();
          return null;
        });
        return true;
      } finally {
        turn.lock.unlock();
      }
    } finally {
      leave(roomId);
    }
  }

  private boolean heldByThisThread(RoomId roomId) {
    Turn mine = turns.get(roomId);
    return mine != null && mine.lock.isHeldByCurrentThread();
  }

  /** Counts this thread among the room's users on this node (the entry is made for the first). */
  private Turn enter(RoomId roomId) {
    return turns.compute(roomId, (id, t) -> {
      Turn x = t == null ? new Turn() : t;
      x.users++;
      return x;
    });
  }

  /** The reverse of {@link #enter}: the entry goes with the last user. */
  private void leave(RoomId roomId) {
    turns.computeIfPresent(roomId, (id, t) -> --t.users == 0 ? null : t);
  }

  /** A lease a renewal found gone is given up, so this decision asks anew. Under the turn's lock. */
  private void dropLapsed(RoomId roomId, Turn turn) {
    if (turn.token != null && turn.lapsed) giveBack(roomId, turn, nanoTime.getAsLong());
  }

  /** Runs {@code work} holding the lease, then passes it on to this node's next decision or gives it back. */
  private <T> T withLease(RoomId roomId, Turn turn, Supplier<T> work) {
    try {
      return work.get();
    } finally {
      handOn(roomId, turn);
    }
  }

  /** The lease, if this node holds it, goes on to this node's next decision for the room or back (see LeaseTurns). */
  private void handOn(RoomId roomId, Turn turn) {
    if (turn.token == null) return;
    long now = nanoTime.getAsLong();
    if (!policy.passOn(anotherWaits(turn), turn.heldSince, now)) giveBack(roomId, turn, now);
  }

  /**
   * Whether another of this node's decisions for the room waits for its lock: the lease is kept only for one that
   * will take it. Not {@code users}: that still counts the thread that held the lock before this one until it has
   * left, and a lease kept for it was kept for nobody: forgotten with the room's entry here, it stayed in Redis until
   * it lapsed ({@link #LEASE}), and every node's decisions for the room waited for it.
   */
  private static boolean anotherWaits(Turn turn) {
    return turn.lock.hasQueuedThreads();
  }

  /** How many of this node's threads hold or wait for the room's lock (tests wait for a queue to form). */
  int users(RoomId roomId) {
    Turn t = turns.get(roomId);
    return t == null ? 0 : t.users;
  }

  private void take(RoomId roomId, Turn turn) {
    long pause = policy.waitBeforeAsking(turn.yielded, turn.yieldedAt, nanoTime.getAsLong());
    if (pause > 0) sleepMillis(TimeUnit.NANOSECONDS.toMillis(pause) + 1);
    held(turn, leases.take(roomId, WAIT, policy.unwokenRetry()));
  }

  /** Takes the lease if nobody holds it and this node owes no other node a turn; false if it did not. */
  private boolean tryTake(RoomId roomId, Turn turn) {
    if (policy.waitBeforeAsking(turn.yielded, turn.yieldedAt, nanoTime.getAsLong()) > 0) return false;
    String token = leases.tryTake(roomId);
    if (token == null) return false;
    held(turn, token);
    return true;
  }

  private void held(Turn turn, String token) {
    turn.token = token;
    turn.heldSince = nanoTime.getAsLong();
    turn.yielded = false;
    turn.lapsed = false;
  }

  private void giveBack(RoomId roomId, Turn turn, long now) {
    String token = turn.token;
    turn.token = null;
    leases.giveBack(roomId, token);
    long heldMs = TimeUnit.NANOSECONDS.toMillis(now - turn.heldSince);
    // Another node's decisions may have waited all that time: worth an operator's look, but not a line for each of
    // the thousands a join storm on a starved machine makes.
    long held = heldMs > LONG_HOLD.toMillis() ? longHolds.count(now) : 0;
    if (held > 0) {
      log.warn("held the lease of room {} for {} ms ({}); {} leases held over {} s since this node started",
          roomId, heldMs, token, held, LONG_HOLD.toSeconds());
    }
    // Given back with this node's own decisions still waiting: the other nodes ask first.
    turn.yielded = anotherWaits(turn);
    turn.yieldedAt = now;
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a room's lease", e);
    }
  }
}
