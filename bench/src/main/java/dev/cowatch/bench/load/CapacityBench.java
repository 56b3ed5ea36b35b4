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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run capacity}: many rooms of a few viewers each, all keeping their normal clock-sync,
 * heartbeat and health traffic, while some rooms are active (one intent a second each). Measures the
 * server's heap after GC per connected client, the active rooms' fan-out, and errors. Last line:
 * {@code capacity: clients=N heap_per_client_kib=X fanout_p99_ms=Y errors=E}.
 */
public final class CapacityBench {
  public record Scenario(int rooms, int perRoom, int activeRooms, long holdSeconds, int loops) {
    public static Scenario full() {
      return new Scenario(5_000, 10, 100, 60, 2);
    }

    public static Scenario quick() {
      return new Scenario(200, 10, 5, 8, 1);
    }
  }

  /** Connections opened but not yet joined; more wait (a real crowd arrives over seconds, not at once). */
  static final int MAX_JOINING = 500;
  /** Rooms each guest host creates: the server lets one person own 200. */
  static final int ROOMS_PER_HOST = 200;
  /** Bound on connecting everyone. */
  static final long CONNECT_BOUND_MS = 300_000;
  /** After everyone joined, until the clock-sync bursts are over. */
  static final long SETTLE_MS = 5_000;
  /** The first seconds of the hold (at most half of it) warm the server up: their fan-out is not counted. */
  static final long WARMUP_SECONDS = 5;

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
    return new Scenario((int) fit, scenario.perRoom(), Math.min(scenario.activeRooms(), (int) fit), scenario.holdSeconds(),
        scenario.loops());
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
      List<CreatedRoom> roomIds = createRooms(server);
      out.printf("  %d rooms created; heap after GC before connecting: %d MiB%n", roomIds.size(), heapBefore >> 20);
      List<RoomProbe> probes = new ArrayList<>();
      List<Viewer> controllers = new ArrayList<>();
      long t0 = System.currentTimeMillis();
      try (Crowd crowd = new Crowd(scenario.loops(), server.address())) {
        int opened = 0;
        for (CreatedRoom room : roomIds) {
          RoomProbe probe = new RoomProbe(counters);
          probes.add(probe);
          for (int i = 0; i < scenario.perRoom(); i++) {
            while (opened - counters.joined.sum() - counters.errors() > MAX_JOINING) Thread.sleep(5);
            Viewer v = new Viewer(probe, counters, i == 0 ? "host" : "viewer " + i, i == 0 ? room.ownerToken() : null,
                (opened % 7) - 3);
            if (i == 0) controllers.add(v);
            crowd.connect(v, "/ws/rooms/" + room.id());
            opened++;
          }
          if (System.currentTimeMillis() - t0 > CONNECT_BOUND_MS) break;
        }
        int expected = roomIds.size() * scenario.perRoom();
        while (counters.joined.sum() + counters.errors() < expected && System.currentTimeMillis() - t0 < CONNECT_BOUND_MS) {
          Thread.sleep(50);
        }
        out.printf("  %d of %d viewers joined in %.1f s, %d errors%n", counters.joined.sum(), expected,
            (System.currentTimeMillis() - t0) / 1e3, counters.errors());
        Thread.sleep(SETTLE_MS);
        long cpu0 = server.process().cpuNanos();
        long ownCpu0 = ownCpuNanos();
        long hold0 = System.nanoTime();
        hold(probes, controllers);
        double holdS = (System.nanoTime() - hold0) / 1e9;
        double cpuS = (server.process().cpuNanos() - cpu0) / 1e9;
        double ownCpuS = (ownCpuNanos() - ownCpu0) / 1e9;
        long heapAfter = server.heapAfterGcBytes();
        if (System.getenv("BENCH_HISTOGRAM") != null) server.histogram(Path.of(System.getenv("BENCH_HISTOGRAM")));
        long clients = counters.joined.sum() - counters.lostAfterJoining();
        List<Double> latencies = new ArrayList<>();
        for (int r = 0; r < scenario.activeRooms() && r < probes.size(); r++) latencies.addAll(probes.get(r).latenciesMs());
        Stats s = Stats.of(latencies);
        double perClientKib = clients == 0 ? Double.NaN : (heapAfter - heapBefore) / 1024.0 / clients;
        out.printf("  hold %.0f s: server cpu %.1f s (%.0f%% of a core), rss %d MiB, heap after GC %d MiB;"
            + " load generator cpu %.1f s%n", holdS, cpuS, 100 * cpuS / holdS, server.process().rssBytes() >> 20,
            heapAfter >> 20, ownCpuS);
        out.printf("  fan-out of %d intents in %d active rooms: p50 %s p95 %s p99 %s max %s ms%n", s.count(),
            scenario.activeRooms(), Figure.of(s.percentile(50), 2), Figure.of(s.percentile(95), 2),
            Figure.of(s.percentile(99), 2), Figure.of(s.max(), 2));
        if (counters.errors() > 0) out.println("  errors:" + counters.summary());
        crowd.leaveAll();
        long timedOut = 0;
        for (int r = 0; r < scenario.activeRooms() && r < probes.size(); r++) timedOut += probes.get(r).timedOut();
        // A p99 of the intents that arrived, leaving out those that never did, would flatter: none then.
        double p99 = s.count() == 0 || timedOut > 0 ? Double.NaN : s.percentile(99);
        return line(clients, perClientKib, p99, counters.errors());
      }
    } catch (IOException e) {
      out.println("  failed: " + e.getMessage());
      return "capacity: clients=error heap_per_client_kib=error fanout_p99_ms=error errors=error";
    }
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  static String line(long clients, double heapPerClientKib, double fanoutP99Ms, long errors) {
    return "capacity: clients=" + clients + " heap_per_client_kib=" + Figure.of(heapPerClientKib, 2)
        + " fanout_p99_ms=" + Figure.of(fanoutP99Ms, 2) + " errors=" + errors;
  }

  record CreatedRoom(String id, String ownerToken) {}

  /** The rooms, each owned by a guest host; one person may own only so many rooms. */
  private List<CreatedRoom> createRooms(CowatchServerProcess server) throws IOException, InterruptedException {
    List<CowatchApi> hosts = new ArrayList<>();
    for (int i = 0; i * ROOMS_PER_HOST < scenario.rooms(); i++) hosts.add(CowatchApi.guest(server.base(), "Host " + i));
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<CreatedRoom>> rooms = new ArrayList<>();
      for (int i = 0; i < scenario.rooms(); i++) {
        int n = i;
        CowatchApi host = hosts.get(i / ROOMS_PER_HOST);
        rooms.add(pool.submit(() -> new CreatedRoom(host.createRoom("capacity " + n, scenario.perRoom()), host.token())));
      }
      List<CreatedRoom> ids = new ArrayList<>();
      for (Future<CreatedRoom> f : rooms) {
        try {
          ids.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("creating a room failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
      return ids;
    }
  }

  /** The active rooms' controllers send one intent a second each, spread over the second. */
  private void hold(List<RoomProbe> probes, List<Viewer> controllers) throws InterruptedException {
    int active = Math.min(scenario.activeRooms(), probes.size());
    long start = System.nanoTime();
    long warmupEnd = start + Math.min(WARMUP_SECONDS, scenario.holdSeconds() / 2) * 1_000_000_000L;
    try (ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor()) {
      for (int r = 0; r < active; r++) {
        RoomProbe probe = probes.get(r);
        Viewer controller = controllers.get(r);
        long offsetMs = 1_000L * r / active;
        AtomicLong step = new AtomicLong();
        ticks.scheduleAtFixedRate(() -> {
          long i = step.getAndIncrement();
          Crowd.on(controller, () -> {
            long now = System.nanoTime();
            controller.send(Intents.nth(i + 2, probe.start(controller, now, now > warmupEnd)));
          });
        }, offsetMs, 1_000, TimeUnit.MILLISECONDS);
      }
      Thread.sleep(scenario.holdSeconds() * 1_000);
      ticks.shutdownNow();
    }
    Thread.sleep(1_000);
    for (int r = 0; r < active; r++) probes.get(r).expire();
  }
}
