package dev.cowatch.bench.syncplay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Issue 7's fan-out scenario against a Syncplay server: {@code members} clients join one room, the
 * room settles, then one of them (the controller) pauses, seeks and plays in turn, and each action is
 * timed from the controller sending it until every other member has received it.
 *
 * <p>The room has settled when every member has logged in and received the room's state and no
 * member has heard of anyone joining for {@link #QUIET}; then an unmeasured first "play" (the room
 * starts paused) must reach everyone. Actions start {@link #PACE} apart, and never before the last
 * one has reached everyone (or timed out) plus {@link #GAP}, so they do not overlap. An action not
 * seen by all within {@code bound} is an error, never a number. The whole run ends by itself within
 * {@link #maxDuration}.
 */
public final class SyncplayFanout {
  /** Start of one action to the start of the next; a hand on a remote is slower than this. */
  public static final Duration PACE = Duration.ofMillis(400);
  /** After the last member saw an action, time for the server to take the members' answers. */
  public static final Duration GAP = Duration.ofMillis(100);
  /** No one joining for this long: the join announcements (O(members²) lines) are over. */
  public static final Duration QUIET = Duration.ofMillis(500);

  private SyncplayFanout() {}

  /**
   * What a run measured.
   *
   * @param members clients in the room, the controller included
   * @param latenciesMs each action seen by every other member: milliseconds from sending it until
   *     the last of them received it, in the order of the actions
   * @param errors actions not seen by all within the bound (all of them when {@code failure} is set)
   * @param dropped members whose connection ended during the run
   * @param strayChanges room changes that were not the controller's actions (a member's answer
   *     moved the room: the client would be wrong); 0 in a sound run
   * @param failure why the room could not be set up, or null
   */
  public record Result(int members, double[] latenciesMs, int errors, int dropped, int strayChanges,
      String failure) {
    /** Every action measured, every member stayed, and nothing but the actions moved the room. */
    public boolean clean() {
      return errors == 0 && dropped == 0 && strayChanges == 0 && failure == null;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "members=%d measured=%d errors=%d dropped=%d stray_changes=%d%s", members,
          latenciesMs.length, errors, dropped, strayChanges, failure == null ? "" : " failure=" + failure);
    }
  }

  /** How long joining and settling may take: Syncplay tells every member of each newcomer. */
  public static Duration joinBound(int members) {
    return Duration.ofSeconds(10).plusMillis(60L * members);
  }

  /** The longest a {@link #run} can last. */
  public static Duration maxDuration(int members, int warmup, int actions, Duration bound) {
    Duration perAction = PACE.plus(bound).plus(GAP);
    return joinBound(members).plus(bound).plus(perAction.multipliedBy(warmup + actions)).plusSeconds(10);
  }

  /**
   * Runs the scenario against the Syncplay server at {@code server} (a loopback address), from
   * 127.0.0.1, in a room of its own, with {@code members} clients (at least 2) and {@code actions}
   * measured actions, each allowed {@code bound} to reach everyone.
   */
  public static Result run(InetSocketAddress server, int members, int actions, Duration bound)
      throws IOException, InterruptedException {
    return run(server, members, 0, actions, bound);
  }

  /**
   * The same with {@code warmup} actions first, paced and bounded like the measured ones but not
   * measured (one that does not reach everyone is still an error).
   */
  public static Result run(InetSocketAddress server, int members, int warmup, int actions, Duration bound)
      throws IOException, InterruptedException {
    if (members < 2) throw new IllegalArgumentException("a controller and at least one member to see it");
    String runId = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    FanoutRoom room = new FanoutRoom(members);
    long setupDeadline = System.nanoTime() + joinBound(members).toNanos();
    try (SyncplayLoop loop = new SyncplayLoop(server, InetAddress.getByName("127.0.0.1"), room)) {
      loop.execute(() -> {
        // Room names are cut at 35 characters; user names are server-wide, so they carry the run too.
        for (int i = 0; i < members; i++) loop.join(new SyncplayConnection(i, "f" + runId + "-" + i, "fanout-" + runId));
      });
      String failure = settle(room, setupDeadline);
      if (failure == null && Double.isNaN(perform(loop, room, new Action(Action.Kind.PLAY, Double.NaN), bound))) {
        failure = "the first play did not reach every member within " + bound.toMillis() + " ms";
      }
      if (failure != null) {
        return new Result(members, new double[0], actions, room.dropped(), room.strayChanges(), failure);
      }
      return measure(loop, room, members, warmup, actions, bound);
    }
  }

  private static Result measure(SyncplayLoop loop, FanoutRoom room, int members, int warmup, int actions,
      Duration bound) throws InterruptedException {
    double[] latencies = new double[actions];
    int measured = 0;
    int failed = 0;
    long lastStart = System.nanoTime();
    long lastEnd = lastStart;
    for (int n = 0; n < warmup + actions; n++) {
      long start = Math.max(lastStart + PACE.toNanos(), lastEnd + GAP.toNanos());
      sleepUntil(start);
      lastStart = System.nanoTime();
      double ms = perform(loop, room, Action.nth(n), bound);
      lastEnd = System.nanoTime();
      if (Double.isNaN(ms)) failed++;
      else if (n >= warmup) latencies[measured++] = ms;
    }
    // The controller may read the last relay after the other members did: give it the gap.
    sleepUntil(lastEnd + GAP.toNanos());
    return new Result(members, Arrays.copyOf(latencies, measured), failed, room.dropped(), room.strayChanges(), null);
  }

  /** Null once the room has settled; else what is missing at the deadline. */
  private static String settle(FanoutRoom room, long deadline) throws InterruptedException {
    // A member dropped while joining can never see an action: give up at once rather than at the deadline.
    while (!room.awaitEveryoneIn(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50)))) {
      if (room.dropped() > 0) return room.dropped() + " members were dropped while joining (" + room.firstDrop() + ")";
      if (System.nanoTime() > deadline) {
        return room.inCount() + " of " + room.members() + " members were in the room with its state by the deadline";
      }
    }
    while (System.nanoTime() - room.lastNewsNanos() < QUIET.toNanos()) {
      if (System.nanoTime() > deadline) return "the room was still busy with joins at the deadline";
      Thread.sleep(20);
    }
    return null;
  }

  /** The milliseconds {@code action} took to reach every member but the controller, or NaN if it did not. */
  private static double perform(SyncplayLoop loop, FanoutRoom room, Action action, Duration bound)
      throws InterruptedException {
    CompletableFuture<Double> done = new CompletableFuture<>();
    loop.execute(() -> room.begin(loop, action, done));
    try {
      return done.get(bound.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      loop.execute(room::abandon);
      return Double.NaN;
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
  }
}
