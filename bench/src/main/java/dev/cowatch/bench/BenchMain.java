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
      case "startup" -> {
        boolean quick = args.length > 1 && args[1].equals("--quick");
        StartupResult r = new StartupBench(quick ? StartupBench.Scenario.quick() : StartupBench.Scenario.full())
            .runBounded(System.out);
        System.out.println(r.line());
      }
      default -> {
        System.err.println("usage: bench/run sync|browser-sync|media|startup [--quick]");
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
