package dev.cowatch.bench;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.CowatchServer;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.platform.Ids;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sync accuracy end to end: a real server, simulated viewers over real WebSockets with skewed
 * clocks and a delayed network, and a scripted session of gestures (play, steady, seek, rate,
 * pause, play, a late joiner, a member buffering). Measures how well clocks are estimated, how far
 * apart the players are in steady playback, how long a seek takes to converge, and how many
 * intents were sent that no gesture caused.
 */
public final class SyncBench {
  /** Steady playback starts this long after the last timeline change or scripted disruption. */
  static final long SETTLE_MS = 1_000;
  static final long SAMPLE_MS = 100;
  /** Converged: every pair of players within this distance (the 50 ms). */
  static final double CONVERGED_MS = 50;

  /** The script's timings and the network's imperfections. */
  public record Scenario(int viewers, long steadyMs, long afterSeekMs, long afterRateMs, long pausedMs,
      long afterPlayMs, long afterJoinMs, long stallMs, long afterStallMs, double meanDelayMs, double jitterMs,
      double maxSkewMs, long seed) {

    public static Scenario full() {
      return new Scenario(8, 30_000, 5_000, 5_000, 3_000, 5_000, 6_000, 8_000, 6_000, 50, 20, 2_000, 42);
    }

    /** The same script, short: for the test that keeps the benchmark working. */
    public static Scenario quick() {
      return new Scenario(4, 3_000, 3_000, 2_000, 1_000, 2_000, 3_000, 2_500, 3_000, 50, 20, 2_000, 7);
    }
  }

  public record Result(double clockP95, double posP50, double posP95, double posP99, double convergeMs, long echoes,
      int posSamples) {
    public String line() {
      return String.format(Locale.ROOT, "sync: clock_p95_ms=%.1f pos_p50_ms=%.1f pos_p95_ms=%.1f pos_p99_ms=%.1f converge_ms=%.0f echoes=%d",
          clockP95, posP50, posP95, posP99, convergeMs, echoes);
    }
  }

  private final Scenario scenario;
  private final List<Double> clockErrors = new CopyOnWriteArrayList<>();
  private final List<Double> pairDiffs = new CopyOnWriteArrayList<>();
  private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
  private volatile long quietAfterMs;
  private int gestures;

  public SyncBench(Scenario scenario) {
    this.scenario = scenario;
  }

  public Result run(PrintStream out) throws Exception {
    Tolerances tolerances = Tolerances.DEFAULTS;
    ServerConfig config = ServerConfig.ephemeral(Files.createTempDirectory("cowatch-bench")).tolerances(tolerances).build();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3);
    Random random = new Random(scenario.seed());
    try (CowatchServer server = new CowatchServer(config, Clock.systemUTC(), Ids.secure()).start()) {
      URI uri = URI.create("http://127.0.0.1:" + server.port());
      var owner = new dev.cowatch.server.account.Identity(new dev.cowatch.core.room.UserId("u-bench-owner"),
          dev.cowatch.server.account.Identity.Kind.ACCOUNT, "Bench");
      RoomId roomId = server.rooms().service().create(RoomSettings.defaults("bench", tolerances.bufferWaitTimeoutMs()), owner,
          "bench.mp4", null).orElseThrow().id();
      for (int i = 0; i < scenario.viewers(); i++) {
        Viewer v = new Viewer(i, uri, roomId.value(), scheduler, random, scenario, tolerances);
        v.start(scheduler);
        viewers.add(v);
      }
      awaitClockSync();
      out.printf(Locale.ROOT, "%d viewers joined, clock skews up to ±%.0f ms, one-way delay %.0f±%.0f ms%n",
          viewers.size(), scenario.maxSkewMs(), scenario.meanDelayMs(), scenario.jitterMs());
      var sampler = scheduler.scheduleAtFixedRate(() -> sample(server, roomId), SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
      double convergeMs = script(out, server, roomId, uri, scheduler, random, tolerances);
      sampler.cancel(false);
      long intents = viewers.stream().mapToLong(v -> v.client.controlIntentsSent()).sum();
      Stats clock = new Stats(toArray(clockErrors));
      Stats pos = new Stats(toArray(pairDiffs));
      out.printf(Locale.ROOT, "clock samples=%d max=%.1f ms; position pairs=%d max=%.1f ms; gestures=%d intents=%d%n",
          clock.count(), clock.max(), pos.count(), pos.max(), gestures, intents);
      for (Viewer v : viewers) v.close();
      return new Result(clock.percentile(95), pos.percentile(50), pos.percentile(95), pos.percentile(99), convergeMs,
          intents - gestures, pos.count());
    } finally {
      scheduler.shutdownNow();
    }
  }

  private double script(PrintStream out, CowatchServer server, RoomId roomId, URI uri, ScheduledExecutorService scheduler,
      Random random, Tolerances tolerances) throws Exception {
    gesture(out, "play", () -> viewers.get(0).player.play());
    Thread.sleep(scenario.steadyMs());

    Viewer seeker = viewers.get(1 % viewers.size());
    long seekAt = System.currentTimeMillis();
    gesture(out, "seek +60 s", () -> seeker.player.seek(seeker.player.positionMs() + 60_000));
    double convergeMs = measureConvergence(seekAt, scenario.afterSeekMs());
    out.printf(Locale.ROOT, "  converged %.0f ms after the seek%n", convergeMs);

    gesture(out, "rate 1.25", () -> viewers.get(2 % viewers.size()).player.setRate(1.25));
    Thread.sleep(scenario.afterRateMs());
    gesture(out, "pause", () -> viewers.get(3 % viewers.size()).player.pause());
    Thread.sleep(scenario.pausedMs());
    reportPausedSpread(out);
    gesture(out, "play", () -> viewers.get(0).player.play());
    Thread.sleep(scenario.afterPlayMs());

    out.println("late joiner arrives");
    Viewer late = new Viewer(viewers.size(), uri, roomId.value(), scheduler, random, scenario, tolerances);
    quietAfterMs = System.currentTimeMillis() + 60_000;
    late.start(scheduler);
    late.player.stall(300); // loading the media
    viewers.add(late);
    long joinedAt = System.currentTimeMillis();
    quietAfterMs = joinedAt + SETTLE_MS + 2_000;
    Thread.sleep(scenario.afterJoinMs());
    out.printf(Locale.ROOT, "  late joiner is %.1f ms from the room%n", late.sync.lastErrorMs());

    Viewer staller = viewers.get(5 % viewers.size());
    out.printf(Locale.ROOT, "viewer %d buffers for %d ms%n", staller.index, scenario.stallMs());
    quietAfterMs = System.currentTimeMillis() + scenario.stallMs() + SETTLE_MS + 2_000;
    staller.player.stall(scenario.stallMs());
    Thread.sleep(scenario.stallMs() + scenario.afterStallMs());
    Timeline end = server.rooms().service().find(roomId).map(Room::timeline).orElseThrow();
    out.printf(Locale.ROOT, "end: timeline version %d, %s%n", end.version(), end.state());
    return convergeMs;
  }

  private void gesture(PrintStream out, String what, Runnable action) {
    out.println("gesture: " + what);
    gestures++;
    // From the gesture until the room's answer is anchored, players legitimately differ.
    quietAfterMs = Math.max(quietAfterMs, System.currentTimeMillis() + SETTLE_MS);
    action.run();
  }

  /** Samples every few ms after a seek; converged once all play within 50 ms of each other until the end. */
  private double measureConvergence(long startMs, long windowMs) throws InterruptedException {
    long lastBadAt = startMs;
    long end = startMs + windowMs;
    while (System.currentTimeMillis() < end) {
      long now = System.currentTimeMillis();
      double[] positions = playingPositions();
      if (positions.length < viewers.size() || spread(positions) > CONVERGED_MS) lastBadAt = now;
      Thread.sleep(5);
    }
    return lastBadAt - startMs;
  }

  private void reportPausedSpread(PrintStream out) {
    double[] p = viewers.stream().mapToDouble(v -> v.player.positionMs()).toArray();
    out.printf(Locale.ROOT, "  paused players span %.1f ms%n", spread(p));
  }

  private void sample(CowatchServer server, RoomId roomId) {
    long now = System.currentTimeMillis();
    for (Viewer v : viewers) if (v.client.clockSynced()) clockErrors.add(Math.abs(v.clockErrorMs()));
    Timeline t = server.rooms().service().find(roomId).map(Room::timeline).orElse(null);
    if (t == null || t.state() != PlaybackState.PLAYING || now < t.anchorTimeMs() + SETTLE_MS || now < quietAfterMs) return;
    List<Double> positions = new ArrayList<>();
    for (Viewer v : viewers) if (v.player.isPlaying()) positions.add(v.player.positionMs());
    for (int i = 0; i < positions.size(); i++) {
      for (int j = i + 1; j < positions.size(); j++) pairDiffs.add(Math.abs(positions.get(i) - positions.get(j)));
    }
  }

  private double[] playingPositions() {
    return viewers.stream().filter(v -> v.player.isPlaying()).mapToDouble(v -> v.player.positionMs()).toArray();
  }

  private static double spread(double[] positions) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double p : positions) {
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    return positions.length == 0 ? 0 : max - min;
  }

  private void awaitClockSync() throws InterruptedException {
    long until = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < until && !viewers.stream().allMatch(v -> v.client.clockSynced())) Thread.sleep(20);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
