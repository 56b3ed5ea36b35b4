package dev.cowatch.bench.cluster;

import dev.cowatch.bench.Stats;
import dev.cowatch.bench.load.CapacityBench;
import dev.cowatch.bench.load.CowatchServerProcess;
import dev.cowatch.bench.load.Figure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench/run capacity --nodes N}: the capacity run over the reference deployment (N nodes on
 * PostgreSQL and Redis), its clients coming from several load-generator processes, each under the
 * machine's per-process limit on open files, each room's members spread over the nodes. The same
 * last line as one node's, with {@code nodes=N}; heap per client is the nodes' live heap growth over
 * all clients.
 */
public final class ClusterCapacityBench {
  /** Clients one generator holds: a process may open 20,000 files here. */
  static final int PER_GENERATOR = 17_000;
  /** Joining tens of thousands of clients through several nodes, on two cores. */
  static final long JOIN_BOUND_MINUTES = 12;

  private final int nodes;
  private final CapacityBench.Scenario scenario;

  public ClusterCapacityBench(int nodes, CapacityBench.Scenario scenario) {
    this.nodes = nodes;
    this.scenario = scenario;
  }

  public String run(PrintStream out) throws IOException, InterruptedException {
    Path runDir = Files.createTempDirectory("cowatch-capacity-cluster-");
    int clientsWanted = scenario.rooms() * scenario.perRoom();
    int generators = Math.max(2, (clientsWanted + PER_GENERATOR - 1) / PER_GENERATOR);
    out.printf("capacity: %d rooms of %d over %d nodes (PostgreSQL, Redis), %d load generators; logs in %s%n",
        scenario.rooms(), scenario.perRoom(), nodes, generators, runDir);
    try (Cluster cluster = Cluster.start(runDir, nodes)) {
      long heapBefore = 0;
      for (CowatchServerProcess n : cluster.nodes()) heapBefore += n.heapAfterGcBytes();
      histograms(cluster, ".before");
      var rooms = CapacityBench.createRooms(cluster.balancer(), scenario.rooms(), scenario.perRoom());
      out.printf("  %d rooms created; the nodes' heap after GC before connecting: %d MiB%n", rooms.size(), heapBefore >> 20);
      List<LoadGenerator> gens = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(generators)) {
        int activeEach = (scenario.activeRooms() + generators - 1) / generators;
        for (int g = 0; g < generators; g++) {
          Path file = runDir.resolve("rooms-" + g + ".txt");
          StringBuilder b = new StringBuilder();
          for (int r = g; r < rooms.size(); r += generators) b.append(rooms.get(r).id()).append(' ')
              .append(rooms.get(r).ownerToken()).append('\n');
          Files.writeString(file, b);
          gens.add(LoadGenerator.start(g, file, scenario.perRoom(),
              cluster.nodes().stream().map(n -> n.address().getPort()).toList(), scenario.loops(),
              runDir.resolve("load-generator-" + g + ".log"), out));
        }
        long t0 = System.currentTimeMillis();
        long joined = 0;
        long errors = 0;
        for (String[] a : all(pool, gens, LoadGenerator::answer)) {
          joined += Long.parseLong(a[1]);
          errors += Long.parseLong(a[2]);
        }
        out.printf("  %d of %d viewers joined in %.1f s, %d errors%n", joined, clientsWanted,
            (System.currentTimeMillis() - t0) / 1e3, errors);
        Thread.sleep(scenario.settleMs());
        List<dev.cowatch.bench.ServerProcess> servers = cluster.nodes().stream().map(CowatchServerProcess::process).toList();
        double idle = CapacityBench.idleCpuPer1000(servers, joined, scenario.idleSeconds(), out);
        long cpu0 = servers.stream().mapToLong(dev.cowatch.bench.ServerProcess::cpuNanos).sum();
        NodeIntentTimes decidedBefore = NodeIntentTimes.scrape(cluster.nodes());
        long hold0 = System.nanoTime();
        for (LoadGenerator g : gens) g.tell("hold " + activeEach + " " + scenario.holdSeconds());
        List<Double> latencies = new ArrayList<>();
        long timedOut = 0;
        long lost = 0;
        errors = 0;
        for (String[] a : all(pool, gens, LoadGenerator::answer)) {
          for (String l : Files.readAllLines(Path.of(a[1]))) if (!l.isBlank()) latencies.add(Double.parseDouble(l));
          timedOut += Long.parseLong(a[2]);
          errors += Long.parseLong(a[3]);
          lost += Long.parseLong(a[4]);
        }
        double holdS = (System.nanoTime() - hold0) / 1e9;
        double cpuS = (servers.stream().mapToLong(dev.cowatch.bench.ServerProcess::cpuNanos).sum() - cpu0) / 1e9;
        String decided = NodeIntentTimes.scrape(cluster.nodes()).since(decidedBefore);
        histograms(cluster, "");
        long heapAfter = 0;
        long rss = 0;
        for (CowatchServerProcess n : cluster.nodes()) {
          heapAfter += n.heapAfterGcBytes();
          rss += n.process().rssBytes();
        }
        long clients = joined - lost;
        Stats s = Stats.of(latencies);
        out.printf("  hold %.0f s: the nodes' cpu %.1f s (%.0f%% of a core), rss %d MiB, heap after GC %d MiB%n", holdS,
            cpuS, 100 * cpuS / holdS, rss >> 20, heapAfter >> 20);
        out.printf("  fan-out of %d intents in %d active rooms: p50 %s p95 %s p99 %s max %s ms; %d not seen by all%n",
            s.count(), activeEach * generators, Figure.of(s.percentile(50), 2), Figure.of(s.percentile(95), 2),
            Figure.of(s.percentile(99), 2), Figure.of(s.max(), 2), timedOut);
        out.println("  on the deciding node (to its own connections): " + decided);
        for (LoadGenerator g : gens) g.tell("leave");
        all(pool, gens, LoadGenerator::answer);
        double perClientKib = clients == 0 ? Double.NaN : (heapAfter - heapBefore) / 1024.0 / clients;
        double p99 = s.count() == 0 || timedOut > 0 ? Double.NaN : s.percentile(99);
        return CapacityBench.line(nodes, clients, perClientKib, p99, errors, idle);
      } finally {
        for (LoadGenerator g : gens) g.close();
      }
    } catch (IOException e) {
      out.println("  failed: " + e.getMessage());
      return CapacityBench.errorLine(nodes);
    }
  }

  /** With BENCH_HISTOGRAM=/some/path: each node's class histogram to /some/path.node-I{suffix}. */
  private static void histograms(Cluster cluster, String suffix) throws IOException, InterruptedException {
    String base = System.getenv("BENCH_HISTOGRAM");
    if (base == null) return;
    for (int i = 0; i < cluster.nodes().size(); i++) cluster.nodes().get(i).histogram(Path.of(base + ".node-" + i + suffix));
  }

  private interface Ask<T> {
    T ask(LoadGenerator g) throws IOException;
  }

  /** Every generator's answer, waited for side by side, in the generators' order. */
  private static <T> List<T> all(ExecutorService pool, List<LoadGenerator> gens, Ask<T> ask)
      throws IOException, InterruptedException {
    List<Future<T>> futures = new ArrayList<>();
    for (LoadGenerator g : gens) futures.add(pool.submit((Callable<T>) () -> ask.ask(g)));
    List<T> answers = new ArrayList<>();
    for (Future<T> f : futures) {
      try {
        answers.add(f.get(JOIN_BOUND_MINUTES, java.util.concurrent.TimeUnit.MINUTES));
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IOException("a load generator failed: " + e, e);
      }
    }
    return answers;
  }
}
