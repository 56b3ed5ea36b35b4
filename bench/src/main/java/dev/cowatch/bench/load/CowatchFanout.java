package dev.cowatch.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One room of {@code members} viewers on a running Cowatch: its controller pauses, seeks and plays
 * at a steady pace, and each intent is timed until every other member has the new timeline. An
 * intent not seen by everyone within {@link #LAST_BOUND_MS} is an error, never a number.
 *
 * <p>Before the paced script the room's members send {@code jitWarmup} intents in turn, quickly:
 * the server's JVM compiles a method only after thousands of calls, and an intent's own code
 * (reading it, deciding, writing the timeline) runs once per intent, so a few dozen paced intents
 * leave it interpreted. A server that has been up for a while has compiled it.
 */
public final class CowatchFanout {
  /** Joining a thousand viewers takes a few seconds; this bounds it. */
  static final long JOIN_BOUND_MS = 60_000;
  /** After everyone joined: their clock-sync bursts end within a second. */
  static final long SETTLE_MS = 2_000;
  /** An intent not seen by everyone in this long has timed out. */
  static final long LAST_BOUND_MS = 5_000;
  /** After the last member saw an intent, the same pause before the next as Syncplay's run leaves. */
  private static final long GAP_NANOS = dev.cowatch.bench.syncplay.SyncplayFanout.GAP.toNanos();
  /**
   * Warm-up intents come from each member in turn, each member at most once in this long: the
   * server allows a connection 10 intents a second, and the warm-up stays well inside that.
   */
  private static final long WARMUP_PER_MEMBER_NANOS = 150_000_000L;
  /** The least time between two warm-up intents, so the warm-up is quick but never a flood. */
  private static final long WARMUP_MIN_GAP_NANOS = 2_000_000L;

  /**
   * @param latenciesMs the measured intents' fan-out, in order
   * @param errors intents not seen by all in time, error messages, viewers lost, across the run
   */
  public record Result(List<Double> latenciesMs, long errors, String errorSummary) {}

  /**
   * How the room is driven.
   *
   * @param jitWarmup quick intents from the members in turn first, not measured
   * @param warmup paced intents from the controller next, not measured
   * @param actions paced intents measured
   * @param paceMs start to start of paced intents (never sooner than the gap after the last one settled)
   */
  public record Script(int jitWarmup, int warmup, int actions, long paceMs) {}

  private CowatchFanout() {}

  static Result run(CowatchServerProcess server, CowatchApi api, int members, Script script, int loops)
      throws IOException, InterruptedException {
    return run(List.of(server.address()), api, members, script, loops);
  }

  /**
   * The same with the room's members spread over {@code nodes} in turn (the nodes of a cluster):
   * the controller and every {@code nodes.size()}-th viewer on the first, the next on the second...
   */
  public static Result run(List<InetSocketAddress> nodes, CowatchApi api, int members, Script script, int loops)
      throws IOException, InterruptedException {
    Counters counters = new Counters();
    String roomId = api.createRoom("fanout " + members, members);
    String path = "/ws/rooms/" + roomId;
    RoomProbe probe = new RoomProbe(counters);
    try (Crowd crowd = new Crowd(loops, nodes.getFirst())) {
      List<Viewer> room = new ArrayList<>(members);
      Viewer controller = new Viewer(probe, counters, "controller", api.token(), 0);
      room.add(controller);
      crowd.connect(controller, path);
      for (int i = 1; i < members; i++) {
        Viewer v = new Viewer(probe, counters, "viewer " + i, null, (i % 7) - 3);
        room.add(v);
        crowd.connect(v, nodes.get(i % nodes.size()), path);
        if (i % 100 == 0) Thread.sleep(20);
      }
      long until = System.currentTimeMillis() + JOIN_BOUND_MS;
      while (probe.members() < members && System.currentTimeMillis() < until && counters.errors() == 0) Thread.sleep(20);
      if (probe.members() < members) {
        counters.error(probe.members() + " of " + members + " viewers joined");
        crowd.leaveAll();
        return new Result(List.of(), counters.errors(), counters.summary());
      }
      Thread.sleep(SETTLE_MS);
      long gap = Math.max(WARMUP_MIN_GAP_NANOS, WARMUP_PER_MEMBER_NANOS / members);
      long lastStart = System.nanoTime() - gap;
      // The script begins with play: the room starts paused.
      int step = 2;
      for (int i = 0; i < script.jitWarmup(); i++, step++) {
        sleepUntil(lastStart + gap);
        lastStart = System.nanoTime();
        send(probe, room.get(i % members), step, false);
      }
      long paceNanos = script.paceMs() * 1_000_000L;
      for (int i = 0; i < script.warmup() + script.actions(); i++, step++) {
        // As on Syncplay's side: never before the last intent reached everyone (or timed out), so
        // a stall shows as its latency and cannot push the next intent onto a stale version.
        sleepUntil(Math.max(lastStart + paceNanos, probe.settledNanos() + GAP_NANOS));
        lastStart = System.nanoTime();
        send(probe, controller, step, i >= script.warmup());
      }
      probe.expire();
      crowd.leaveAll();
    }
    return new Result(probe.latenciesMs(), counters.errors(), counters.summary());
  }

  /** Sends the script's {@code step}-th intent from {@code from} and waits until it has settled. */
  private static void send(RoomProbe probe, Viewer from, int step, boolean record) throws InterruptedException {
    long settledBefore = probe.settled();
    Crowd.on(from, () -> from.send(Intents.nth(step, probe.start(from, System.nanoTime(), record))));
    if (!probe.awaitSettled(settledBefore + 1, LAST_BOUND_MS * 1_000_000L)) probe.expire();
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
  }
}
