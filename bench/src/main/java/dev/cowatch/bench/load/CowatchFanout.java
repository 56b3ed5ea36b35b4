package dev.cowatch.bench.load;

import java.io.IOException;
import java.util.List;

/**
 * One room of {@code members} viewers on a running Cowatch: its controller pauses, seeks and plays
 * at a steady pace, and each intent is timed until every other member has the new timeline. An
 * intent not seen by everyone within {@link #LAST_BOUND_MS} is an error, never a number.
 */
final class CowatchFanout {
  /** Joining a thousand viewers takes a few seconds; this bounds it. */
  static final long JOIN_BOUND_MS = 60_000;
  /** After everyone joined: their clock-sync bursts end within a second. */
  static final long SETTLE_MS = 2_000;
  /** An intent not seen by everyone in this long has timed out. */
  static final long LAST_BOUND_MS = 5_000;
  /** After the last member saw an intent, the same pause before the next as Syncplay's run leaves. */
  private static final long GAP_NANOS = dev.cowatch.bench.syncplay.SyncplayFanout.GAP.toNanos();

  record Result(List<Double> latenciesMs, long errors, String errorSummary) {}

  private CowatchFanout() {}

  static Result run(CowatchServerProcess server, CowatchApi api, int members, int warmup, int actions, long paceMs,
      int loops) throws IOException, InterruptedException {
    Counters counters = new Counters();
    String roomId = api.createRoom("fanout " + members, members);
    String path = "/ws/rooms/" + roomId;
    RoomProbe probe = new RoomProbe(counters);
    try (Crowd crowd = new Crowd(loops, server.address())) {
      Viewer controller = new Viewer(probe, counters, "controller", api.token(), 0);
      probe.controller(controller);
      crowd.connect(controller, path);
      for (int i = 1; i < members; i++) {
        crowd.connect(new Viewer(probe, counters, "viewer " + i, null, (i % 7) - 3), path);
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
      long paceNanos = paceMs * 1_000_000L;
      long lastStart = System.nanoTime() - paceNanos;
      for (int i = 0; i < warmup + actions; i++) {
        // As on Syncplay's side: never before the last intent reached everyone (or timed out), so
        // a stall shows as its latency and cannot push the next intent onto a stale version.
        sleepUntil(Math.max(lastStart + paceNanos, probe.settledNanos() + GAP_NANOS));
        lastStart = System.nanoTime();
        int step = i;
        boolean record = i >= warmup;
        long settledBefore = probe.settled();
        // The script begins with play: the room starts paused.
        Crowd.on(controller, () -> controller.send(Intents.nth(step + 2, probe.start(System.nanoTime(), record))));
        if (!probe.awaitSettled(settledBefore + 1, LAST_BOUND_MS * 1_000_000L)) probe.expire();
      }
      probe.expire();
      crowd.leaveAll();
    }
    return new Result(probe.latenciesMs(), counters.errors(), counters.summary());
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
  }
}
