package dev.cowatch.bench;

/** Entry point of {@code bench/run}: the first argument names the benchmark. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String which = args.length == 0 ? "" : args[0];
    switch (which) {
      case "sync" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        SyncBench.Result r = new SyncBench(quick ? SyncBench.Scenario.quick() : SyncBench.Scenario.full()).run(System.out);
        System.out.println(r.line());
      }
      case "browser-sync" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        BrowserSyncBench.Result r = new BrowserSyncBench(quick ? BrowserSyncBench.Scenario.quick()
            : BrowserSyncBench.Scenario.full()).run(System.out);
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
        dev.cowatch.bench.load.FanoutBench.withSyncplay(scenario, System.out).run(System.out);
      }
      case "capacity" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        System.out.println(new dev.cowatch.bench.load.CapacityBench(quick ? dev.cowatch.bench.load.CapacityBench.Scenario.quick()
            : dev.cowatch.bench.load.CapacityBench.Scenario.full(), System.out).run(System.out));
      }
      case "startup" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        StartupResult r = new StartupBench(quick ? StartupBench.Scenario.quick() : StartupBench.Scenario.full())
            .runBounded(System.out);
        System.out.println(r.line());
      }
      default -> {
        System.err.println("usage: bench/run sync|browser-sync|media|startup|fanout|capacity [--quick], or nothing for all");
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
