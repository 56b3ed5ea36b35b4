package dev.cowatch.bench.load;

import dev.cowatch.bench.Stats;
import dev.cowatch.bench.syncplay.SyncplayFanout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/run fanout}: for each room size, Cowatch and the peer (Syncplay) are given the same
 * script in the same run — one member pauses, seeks and plays at a steady pace while every member
 * keeps its normal background traffic — and each action is timed until every other member has seen
 * it. One line per size:
 * {@code fanout: members=M cowatch_p95_ms=X cowatch_p99_ms=X syncplay_p95_ms=Y ratio_p95=Z}.
 */
public final class FanoutBench {
  /** The peer's side of a size: latencies of its actions, or errors. */
  public interface Peer {
    CowatchFanout.Result run(int members, int warmup, int actions, long paceMs) throws IOException, InterruptedException;
  }

  /**
   * @param jitWarmup quick intents that warm Cowatch's JIT before the script (see CowatchFanout);
   *     Syncplay's CPython has no JIT, and its interpreter specialises code after a handful of
   *     calls, which the paced warm-up covers
   * @param warmup paced actions before those measured, on both servers
   */
  public record Scenario(int[] sizes, int jitWarmup, int warmup, int actions, long paceMs, int loops) {
    /** Intents a server has taken by its first busy hour (50 rooms, one a minute each): its JIT has compiled them. */
    static final int JIT_WARMUP = 3_000;

    public static Scenario full() {
      return new Scenario(new int[] {100, 500, 1000}, JIT_WARMUP, 30, 120, SyncplayFanout.PACE.toMillis(), 1);
    }

    public static Scenario quick() {
      return new Scenario(new int[] {10, 40}, 100, 5, 20, SyncplayFanout.PACE.toMillis(), 1);
    }

    /** The same with other room sizes, given as {@code 100,500}. */
    public Scenario withSizes(String list) {
      int[] s = java.util.Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
      return new Scenario(s, jitWarmup, warmup, actions, paceMs, loops);
    }

    /** The same with another JIT warm-up (0: a freshly started server's figures). */
    public Scenario withJitWarmup(int intents) {
      if (intents < 0) throw new IllegalArgumentException("a JIT warm-up of " + intents + " intents");
      return new Scenario(sizes, intents, warmup, actions, paceMs, loops);
    }

    CowatchFanout.Script cowatchScript() {
      return new CowatchFanout.Script(jitWarmup, warmup, actions, paceMs);
    }
  }

  public record SizeResult(int members, CowatchFanout.Result cowatch, CowatchFanout.Result peer) {
    public String line() {
      Stats c = Stats.of(cowatch.latenciesMs());
      Stats p = peer == null ? Stats.of(List.of()) : Stats.of(peer.latenciesMs());
      long peerErrors = peer == null ? 1 : peer.errors();
      double ratio = c.percentile(95) / p.percentile(95);
      return "fanout: members=" + members
          + " cowatch_p95_ms=" + Figure.ifClean(c.percentile(95), cowatch.errors(), 2)
          + " cowatch_p99_ms=" + Figure.ifClean(c.percentile(99), cowatch.errors(), 2)
          + " syncplay_p95_ms=" + Figure.ifClean(p.percentile(95), peerErrors, 2)
          + " ratio_p95=" + Figure.ifClean(ratio, cowatch.errors() + peerErrors, 3);
    }
  }

  private final Scenario scenario;
  private final Peer peer;
  private final java.util.concurrent.atomic.AtomicInteger sizesDone = new java.util.concurrent.atomic.AtomicInteger();

  /** Compared with Syncplay's server (installed from Debian's package by bench/run). */
  public static FanoutBench withSyncplay(Scenario scenario, PrintStream out) {
    return new FanoutBench(scenario, new SyncplayPeer(out));
  }

  public FanoutBench(Scenario scenario, Peer peer) {
    this.scenario = scenario;
    this.peer = peer;
  }

  public List<SizeResult> run(PrintStream out) throws IOException, InterruptedException {
    Path runDir = Files.createTempDirectory("cowatch-fanout-");
    List<SizeResult> results = new ArrayList<>();
    try (CowatchServerProcess server = CowatchServerProcess.start(runDir)) {
      CowatchApi api = CowatchApi.guest(server.base(), "Bench");
      out.printf("fanout: Cowatch pid %d on %s, log %s; per size %d quick intents warm its JIT, then %d paced"
          + " actions warm both servers, then %d are measured%n", server.process().process().pid(), server.base(),
          runDir.resolve("server.log"), scenario.jitWarmup(), scenario.warmup(), scenario.actions());
      for (int members : scenario.sizes()) {
        long cpu0 = server.process().cpuNanos();
        CowatchFanout.Result c = CowatchFanout.run(server, api, members, scenario.cowatchScript(), scenario.loops());
        double cpuS = (server.process().cpuNanos() - cpu0) / 1e9;
        out.println(detail("cowatch", members, c) + String.format(" cpu_s=%.1f rss_mib=%d", cpuS,
            server.process().rssBytes() >> 20));
        CowatchFanout.Result p = peer == null ? null : peer.run(members, scenario.warmup(), scenario.actions(),
            scenario.paceMs());
        if (p != null) out.println(detail("syncplay", members, p));
        SizeResult r = new SizeResult(members, c, p);
        results.add(r);
        out.println(r.line());
        sizesDone.incrementAndGet();
      }
    }
    return results;
  }

  /** The sizes not measured yet (all of them before the run, none after it). */
  public List<Integer> sizesLeft() {
    return java.util.Arrays.stream(scenario.sizes()).skip(sizesDone.get()).boxed().toList();
  }

  static String detail(String who, int members, CowatchFanout.Result r) {
    Stats s = Stats.of(r.latenciesMs());
    return String.format("  %s members=%d actions=%d p50=%s p95=%s p99=%s max=%s errors=%d%s", who, members,
        s.count(), Figure.of(s.percentile(50), 2), Figure.of(s.percentile(95), 2), Figure.of(s.percentile(99), 2), Figure.of(s.max(), 2),
        r.errors(), r.errors() == 0 ? "" : r.errorSummary());
  }
}
