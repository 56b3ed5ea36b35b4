package dev.cowatch.bench;

/** Entry point of {@code bench/run}: the first argument names the benchmark. */
public final class BenchMain {
  private BenchMain() {}

  /** {@code --nodes N} among the arguments: a cluster of N nodes; 1 without it. */
  static int nodesOption(String[] args) {
    for (int i = 1; i + 1 < args.length; i++) {
      if (args[i].equals("--nodes")) {
        int n = Integer.parseInt(args[i + 1]);
        if (n < 1 || n > 9) throw new IllegalArgumentException("--nodes " + n + ": 1 to 9");
        return n;
      }
    }
    return 1;
  }

  public static void main(String[] args) throws Exception {
    String which = args.length == 0 ? "" : args[0];
    switch (which) {
      case "sync" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        SyncBench.Result r = new SyncBench(quick ? SyncBench.Scenario.quick() : SyncBench.Scenario.full()).run(System.out);
        System.out.println(r.line());
      }
      case "browser-sync" -> {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        int e = java.util.Arrays.asList(args).indexOf("--engines");
        if (e > 0) {
          if (e + 1 >= args.length) throw new IllegalArgumentException("--engines needs a list: chromium,firefox,webkit");
          EnginesBench.Result r = new EnginesBench(quick ? EnginesBench.Scenario.quick() : EnginesBench.Scenario.full(),
              java.util.List.of(args[e + 1].split(","))).run(System.out);
          System.out.println(r.line());
          break;
        }
        BrowserSyncBench.Result r = new BrowserSyncBench(quick ? BrowserSyncBench.Scenario.quick()
            : BrowserSyncBench.Scenario.full()).run(System.out);
        System.out.println(r.line());
      }
      case "rate-switches" -> {
        if (args.length < 2) throw new IllegalArgumentException("rate-switches needs an engine: firefox or webkit");
        System.out.println(new RateSwitchBench(args[1]).run(System.out).line());
      }
      case "p2p" -> {
        P2pBench.Result r = new P2pBench().run(System.out);
        System.out.println(r.line());
      }
      case "hybrid" -> System.out.println(new HybridBench().run(System.out).line());
      case "extension-sync" -> {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        int p = java.util.Arrays.asList(args).indexOf("--players");
        if (p > 0) {
          if (p + 1 >= args.length) throw new IllegalArgumentException("--players needs a list: shaka,dashjs,hlsjs,videojs");
          ExtensionPlayersBench.Result r = new ExtensionPlayersBench(ExtensionPlayersBench.parse(args[p + 1]), quick)
              .run(System.out);
          System.out.println(r.line());
          break;
        }
        ExtensionSyncBench.Result r = new ExtensionSyncBench(quick ? ExtensionSyncBench.Scenario.quick()
            : ExtensionSyncBench.Scenario.full()).run(System.out);
        System.out.println(r.line());
      }
      case "desktop-sync" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        var bench = new DesktopSyncBench(quick ? DesktopSyncBench.Scenario.quick() : DesktopSyncBench.Scenario.full());
        System.out.println(Bounded.run("desktop-sync", java.time.Duration.ofMinutes(10), java.time.Duration.ofSeconds(30),
            System.out, () -> bench.run(System.out).line(),
            why -> "desktop-sync: mpv_pos_p95_ms=error vlc_pos_p95_ms=error syncplay_pos_p95_ms=n/a"));
      }
      case "syncplay-sync" -> {
        // A real Syncplay client (mpv) against a Chromium page in one room (issue 26; desktop-sync folds it in).
        boolean quick = args.length > 1 && args[1].equals("--quick");
        var r = dev.cowatch.bench.desktop.SyncplayPositionProbe.run(quick, System.out);
        System.out.println(r.line());
      }
      case "media" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        MediaBench.Result r = new MediaBench(quick ? MediaBench.Scenario.quick() : MediaBench.Scenario.full())
            .runBounded(System.out);
        System.out.println(r.line());
      }
      case "fanout" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        var scenario = quick ? dev.cowatch.bench.load.FanoutBench.Scenario.quick()
            : dev.cowatch.bench.load.FanoutBench.Scenario.full();
        String sizes = System.getenv("BENCH_FANOUT_SIZES");
        if (sizes != null && !sizes.isBlank()) scenario = scenario.withSizes(sizes);
        String jit = System.getenv("BENCH_FANOUT_JIT_WARMUP");
        if (jit != null && !jit.isBlank()) scenario = scenario.withJitWarmup(Integer.parseInt(jit.strip()));
        // BENCH_FANOUT_PEER=none measures Cowatch alone (while working on it); the peer's figures then read error.
        var bench = "none".equals(System.getenv("BENCH_FANOUT_PEER"))
            ? new dev.cowatch.bench.load.FanoutBench(scenario, null)
            : dev.cowatch.bench.load.FanoutBench.withSyncplay(scenario, System.out);
        // Sizes measured print their lines as they go; a run past its bound prints error lines for the rest.
        Bounded.run("fanout", java.time.Duration.ofMinutes(30), java.time.Duration.ofSeconds(30), System.out,
            () -> bench.run(System.out), why -> {
              for (int m : bench.sizesLeft()) {
                System.out.println("fanout: members=" + m + " cowatch_p95_ms=error cowatch_p99_ms=error"
                    + " syncplay_p95_ms=error ratio_p95=error");
              }
              return java.util.List.of();
            });
      }
      case "metrics-calls" -> {
        // What the metrics cost one intent in CPU time, apart from the rest (docs/performance.md, "What metrics cost").
        boolean quick = args.length > 1 && args[1].equals("--quick");
        new dev.cowatch.bench.load.MetricsCallBench(quick).run(System.out);
      }
      case "fanout-metrics" -> {
        // The fan-out script on two servers in one run, metrics on and off (docs/performance.md, "What metrics cost").
        boolean quick = args.length > 1 && args[1].equals("--quick");
        var scenario = quick ? dev.cowatch.bench.load.FanoutBench.Scenario.quick()
            : dev.cowatch.bench.load.FanoutBench.Scenario.full().withSizes("100,500");
        String sizes = System.getenv("BENCH_FANOUT_SIZES");
        if (sizes != null && !sizes.isBlank()) scenario = scenario.withSizes(sizes);
        var bench = new dev.cowatch.bench.load.MetricsCostBench(scenario,
            dev.cowatch.bench.load.MetricsCostBench.rounds(System.getenv("BENCH_METRICS_ROUNDS")));
        Bounded.run("fanout-metrics", java.time.Duration.ofMinutes(40), java.time.Duration.ofSeconds(30), System.out,
            () -> {
              bench.run(System.out);
              return java.util.List.of();
            }, why -> java.util.List.of());
      }
      case "capacity" -> {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        int nodes = nodesOption(args);
        var scenario = quick ? dev.cowatch.bench.load.CapacityBench.Scenario.quick()
            : dev.cowatch.bench.load.CapacityBench.Scenario.full();
        java.util.concurrent.Callable<String> work;
        if (nodes > 1) {
          // BENCH_CAPACITY_ROOMS: fewer rooms, to look at one thing (a heap histogram, a profile) in minutes.
          String roomsWanted = System.getenv("BENCH_CAPACITY_ROOMS");
          int roomCount = roomsWanted == null || roomsWanted.isBlank() ? 5_000 : Integer.parseInt(roomsWanted.strip());
          var bench = new dev.cowatch.bench.cluster.ClusterCapacityBench(nodes, quick ? scenario : scenario.withRooms(roomCount));
          work = () -> bench.run(System.out);
        } else {
          var bench = new dev.cowatch.bench.load.CapacityBench(scenario, System.out);
          work = () -> bench.run(System.out);
        }
        System.out.println(Bounded.run("capacity", java.time.Duration.ofMinutes(nodes > 1 ? 40 : 20),
            java.time.Duration.ofSeconds(30), System.out, work,
            why -> dev.cowatch.bench.load.CapacityBench.errorLine(nodes)));
      }
      case "cluster" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        var bench = new dev.cowatch.bench.cluster.ClusterBench(quick ? dev.cowatch.bench.cluster.ClusterBench.Scenario.quick()
            : dev.cowatch.bench.cluster.ClusterBench.Scenario.full());
        System.out.println(Bounded.run("cluster", java.time.Duration.ofMinutes(20), java.time.Duration.ofSeconds(30),
            System.out, () -> bench.run(System.out), why -> "cluster: nodes=error fanout_p95_ms=error fanout_p99_ms=error"
                + " single_node_p95_ms=error resume_p99_ms=error lost=error"));
      }
      case "soak" -> {
        // BENCH_SOAK_MINUTES shortens (or lengthens) the run: 1 for a quick look, the default 10 for the figure.
        String m = System.getenv("BENCH_SOAK_MINUTES");
        double minutes = m == null || m.isBlank() ? 10 : Double.parseDouble(m.strip());
        var bench = new dev.cowatch.bench.load.SoakBench(dev.cowatch.bench.load.SoakBench.Scenario.full(minutes));
        System.out.println(Bounded.run("soak", java.time.Duration.ofMinutes((long) Math.ceil(minutes) + 10),
            java.time.Duration.ofSeconds(30), System.out, () -> bench.run(System.out),
            why -> "soak: minutes=error clients_peak=error heap_slope_kib_per_min=error threads_slope_per_min=error"
                + " errors=error"));
      }
      case "startup" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        StartupResult r = new StartupBench(quick ? StartupBench.Scenario.quick() : StartupBench.Scenario.full())
            .runBounded(System.out);
        System.out.println(r.line());
      }
      case "faults" -> System.out.println(dev.cowatch.bench.faults.FaultsBench.run(
          java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
      case "durability" -> {
        var bench = new dev.cowatch.bench.durability.DurabilityBench();
        System.out.println(dev.cowatch.bench.durability.DurabilityBench.summary(bench.run(System.out)));
      }
      default -> {
        System.err.println("usage: bench/run sync|browser-sync|extension-sync|p2p|hybrid|desktop-sync|media|startup|fanout|fanout-metrics|metrics-calls|capacity|cluster|durability [--quick], bench/run faults [--rounds N], "
            + "bench/run soak, or nothing for all");
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
