package dev.cowatch.bench.load;

import dev.cowatch.bench.Stats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench/run capacity}: many rooms of a few viewers each, all keeping their normal clock-sync,
 * heartbeat and health traffic, while some rooms are active (one intent a second each). Measures the
 * server's heap after GC per connected client, the active rooms' fan-out, errors, and (in a window
 * before the active rooms start) the server's CPU per 1,000 idle clients. Last line:
 * {@code capacity: nodes=1 clients=N heap_per_client_kib=X fanout_p99_ms=Y errors=E idle_cpu_pct_per_1000=C}.
 * With {@code --nodes 3}, {@code ClusterCapacityBench} runs the same over a cluster.
 */
public final class CapacityBench {
  /**
   * @param settleMs after everyone joined, before measuring: until every client's clock estimate has
   *     settled (the burst, then four pings a second until Tolerances.clockSettleSamples) and its pings come
   *     every 10 s, as in a crowd that has been watching for a while
   * @param idleSeconds the window in which the servers' CPU per idle client is measured
   */
  public record Scenario(int rooms, int perRoom, int activeRooms, long holdSeconds, int loops, long settleMs,
      long idleSeconds) {
    public static Scenario full() {
      return new Scenario(5_000, 10, 100, 60, 2, 25_000, 15);
    }

    public static Scenario quick() {
      return new Scenario(200, 10, 5, 8, 1, 25_000, 5);
    }

    /** The same with {@code rooms} rooms and at most as many active. */
    public Scenario withRooms(int count) {
      return new Scenario(count, perRoom, Math.min(activeRooms, count), holdSeconds, loops, settleMs, idleSeconds);
    }
  }

  /** Rooms each guest host creates: the server lets one person own 200. */
  static final int ROOMS_PER_HOST = 200;

  private final Scenario scenario;

  public CapacityBench(Scenario scenario) {
    this.scenario = scenario;
  }

  public CapacityBench(Scenario scenario, PrintStream out) throws IOException {
    this.scenario = new CapacityBench(scenario).fitted(openFilesLimit(), out);
  }

  /**
   * The scenario cut to what one process may hold open here: the server needs a descriptor per
   * client, and without CAP_SYS_RESOURCE nobody can raise the hard limit (20,000 on the machines
   * this was written on). Whole rooms are kept; a thousand descriptors are left for the rest.
   */
  public Scenario fitted(long openFilesLimit, PrintStream out) {
    long fit = Math.max(1, (openFilesLimit - 1_000) / scenario.perRoom());
    if (fit >= scenario.rooms()) return scenario;
    out.printf("  this machine lets a process open %d files: %d rooms of %d instead of %d (the server holds a"
        + " connection per client)%n", openFilesLimit, fit, scenario.perRoom(), scenario.rooms());
    return scenario.withRooms((int) fit);
  }

  /** The soft limit on open files of this process (the server it starts inherits it). */
  public static long openFilesLimit() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    throw new IOException("no open-files limit in /proc/self/limits");
  }

  public String run(PrintStream out) throws IOException, InterruptedException {
    Path runDir = Files.createTempDirectory("cowatch-capacity-");
    Counters counters = new Counters();
    try (CowatchServerProcess server = CowatchServerProcess.start(runDir)) {
      out.printf("capacity: Cowatch pid %d on %s, log %s%n", server.process().process().pid(), server.base(),
          runDir.resolve("server.log"));
      long heapBefore = server.heapAfterGcBytes();
      if (System.getenv("BENCH_HISTOGRAM") != null) server.histogram(Path.of(System.getenv("BENCH_HISTOGRAM") + ".before"));
      List<RoomsLoad.Room> rooms = createRooms(server.base(), scenario.rooms(), scenario.perRoom());
      out.printf("  %d rooms created; heap after GC before connecting: %d MiB%n", rooms.size(), heapBefore >> 20);
      long t0 = System.currentTimeMillis();
      try (RoomsLoad load = new RoomsLoad(rooms, scenario.perRoom(), List.of(server.address()), scenario.loops(), 0,
          counters)) {
        load.connectAll();
        out.printf("  %d of %d viewers joined in %.1f s, %d errors (%d joins refused with 1013 and tried again)%n",
            counters.joined.sum(), load.expected(), (System.currentTimeMillis() - t0) / 1e3, counters.errors(),
            counters.retriedJoins.sum());
        Thread.sleep(scenario.settleMs());
        double idleCpuPer1000 = idleCpuPer1000(List.of(server.process()), counters.joined.sum(), scenario.idleSeconds(),
            out);
        long cpu0 = server.process().cpuNanos();
        long ownCpu0 = ownCpuNanos();
        long hold0 = System.nanoTime();
        load.hold(scenario.activeRooms(), scenario.holdSeconds());
        double holdS = (System.nanoTime() - hold0) / 1e9;
        double cpuS = (server.process().cpuNanos() - cpu0) / 1e9;
        double ownCpuS = (ownCpuNanos() - ownCpu0) / 1e9;
        long heapAfter = server.heapAfterGcBytes();
        if (System.getenv("BENCH_HISTOGRAM") != null) server.histogram(Path.of(System.getenv("BENCH_HISTOGRAM")));
        long clients = counters.joined.sum() - counters.lostAfterJoining();
        Stats s = Stats.of(load.latenciesMs(scenario.activeRooms()));
        double perClientKib = clients == 0 ? Double.NaN : (heapAfter - heapBefore) / 1024.0 / clients;
        out.printf("  hold %.0f s: server cpu %.1f s (%.0f%% of a core), rss %d MiB, heap after GC %d MiB;"
            + " load generator cpu %.1f s%n", holdS, cpuS, 100 * cpuS / holdS, server.process().rssBytes() >> 20,
            heapAfter >> 20, ownCpuS);
        out.printf("  fan-out of %d intents in %d active rooms: p50 %s p95 %s p99 %s max %s ms%n", s.count(),
            scenario.activeRooms(), Figure.of(s.percentile(50), 2), Figure.of(s.percentile(95), 2),
            Figure.of(s.percentile(99), 2), Figure.of(s.max(), 2));
        if (counters.errors() > 0) out.println("  errors:" + counters.summary());
        load.leaveAll();
        // A p99 of the intents that arrived, leaving out those that never did, would flatter: none then.
        double p99 = s.count() == 0 || load.timedOut(scenario.activeRooms()) > 0 ? Double.NaN : s.percentile(99);
        return line(1, clients, perClientKib, p99, counters.errors(), idleCpuPer1000);
      }
    } catch (IOException e) {
      out.println("  failed: " + e.getMessage());
      return errorLine(1);
    }
  }

  /**
   * The servers' CPU while every client only keeps its connection (pings, reports) and no room is
   * active, in percent of one core per 1,000 clients: what an idle viewer costs.
   */
  public static double idleCpuPer1000(List<dev.cowatch.bench.ServerProcess> servers, long clients, long seconds,
      PrintStream out) throws InterruptedException {
    long cpu0 = servers.stream().mapToLong(dev.cowatch.bench.ServerProcess::cpuNanos).sum();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1_000);
    double cpuS = (servers.stream().mapToLong(dev.cowatch.bench.ServerProcess::cpuNanos).sum() - cpu0) / 1e9;
    double wallS = (System.nanoTime() - t0) / 1e9;
    double pct = clients == 0 ? Double.NaN : 100 * cpuS / wallS / clients * 1_000;
    out.printf("  idle %.0f s, %d clients, no room active: server cpu %.2f s (%.1f%% of a core), %s%% of a core per"
        + " 1,000 clients%n", wallS, clients, cpuS, 100 * cpuS / wallS, Figure.of(pct, 3));
    return pct;
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  public static String line(int nodes, long clients, double heapPerClientKib, double fanoutP99Ms, long errors,
      double idleCpuPer1000) {
    return "capacity: nodes=" + nodes + " clients=" + clients + " heap_per_client_kib=" + Figure.of(heapPerClientKib, 2)
        + " fanout_p99_ms=" + Figure.of(fanoutP99Ms, 2) + " errors=" + errors
        + " idle_cpu_pct_per_1000=" + Figure.of(idleCpuPer1000, 3);
  }

  public static String errorLine(int nodes) {
    return "capacity: nodes=" + nodes + " clients=error heap_per_client_kib=error fanout_p99_ms=error errors=error"
        + " idle_cpu_pct_per_1000=error";
  }

  /** The rooms, each owned by a guest host (one person may own only so many rooms), made through {@code base}. */
  public static List<RoomsLoad.Room> createRooms(java.net.URI base, int count, int perRoom)
      throws IOException, InterruptedException {
    List<CowatchApi> hosts = new ArrayList<>();
    for (int i = 0; i * ROOMS_PER_HOST < count; i++) hosts.add(CowatchApi.guest(base, "Host " + i));
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<RoomsLoad.Room>> rooms = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        CowatchApi host = hosts.get(i / ROOMS_PER_HOST);
        rooms.add(pool.submit(() -> new RoomsLoad.Room(host.createRoom("capacity " + n, perRoom), host.token())));
      }
      List<RoomsLoad.Room> ids = new ArrayList<>();
      for (Future<RoomsLoad.Room> f : rooms) {
        try {
          ids.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("creating a room failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
      return ids;
    }
  }
}
