package dev.cowatch.bench.load;

import dev.cowatch.server.ops.metrics.MicrometerRoomMetrics;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.metrics.RoomMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * What the metrics cost one intent on the server's hot path, in CPU time, apart from everything else:
 * the calls an applied intent makes (the broadcast's two clock reads and its fan-out record, the intent's
 * record) on two threads at once (the machine's two cores, recording into the same meters), in
 * nanoseconds of each thread's own CPU time, so that other processes on a busy machine weigh little.
 * Variants alternate round by round; each figure is the median of its rounds. Printed as
 * {@code metrics-calls: none_ns=.. on_ns=..}: metrics off (RoomMetrics.NONE, the bus unwrapped) and on (the
 * server's Prometheus registry).
 */
public final class MetricsCallBench {
  private static final int ROUNDS = 9;
  private static final int CALLS = 400_000;
  private static final int THREADS = 2;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final int rounds;
  private final int calls;

  public MetricsCallBench(boolean quick) {
    this.rounds = quick ? 3 : ROUNDS;
    this.calls = quick ? CALLS / 4 : CALLS;
  }

  /** Runs every variant and returns the summary line (also printed). */
  public String run(PrintStream out) throws InterruptedException {
    Map<String, Supplier<RoomMetrics>> variants = new LinkedHashMap<>();
    variants.put("none", () -> RoomMetrics.NONE);
    variants.put("on", () -> new MicrometerRoomMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    Map<String, RoomMetrics> made = new LinkedHashMap<>();
    variants.forEach((name, make) -> made.put(name, make.get()));
    Map<String, List<Double>> ns = new LinkedHashMap<>();
    made.keySet().forEach(name -> ns.put(name, new ArrayList<>()));
    for (int round = -1; round < rounds; round++) { // round -1 warms the JIT and is not kept
      for (Map.Entry<String, RoomMetrics> v : made.entrySet()) {
        double perIntent = nanosPerIntent(v.getValue());
        if (round >= 0) ns.get(v.getKey()).add(perIntent);
      }
    }
    StringBuilder line = new StringBuilder("metrics-calls:");
    ns.forEach((name, figures) -> line.append(' ').append(name).append("_ns=")
        .append(String.format(java.util.Locale.ROOT, "%.1f", median(figures))));
    out.println(line);
    return line.toString();
  }

  /** CPU nanoseconds per intent, averaged over the threads. */
  private double nanosPerIntent(RoomMetrics metrics) throws InterruptedException {
    long[] cpu = new long[THREADS];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int me = t;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long before = CPU.getCurrentThreadCpuTime();
        boolean measuredBus = metrics != RoomMetrics.NONE;
        for (int i = 0; i < calls; i++) intent(metrics, measuredBus);
        cpu[me] = CPU.getCurrentThreadCpuTime() - before;
      }));
    }
    start.countDown();
    for (Thread t : threads) t.join();
    return Arrays.stream(cpu).average().orElseThrow() / calls;
  }

  /**
   * What an applied intent asks of the metrics: MemberIntents around it all, and, with metrics on,
   * MeasuredRoomBus around its broadcast (RoomModule leaves the bus unwrapped with metrics off).
   */
  private static void intent(RoomMetrics metrics, boolean measuredBus) {
    long start = System.nanoTime();
    if (measuredBus) {
      long broadcastStart = System.nanoTime();
      metrics.fanout(Broadcast.Kind.TIMELINE, System.nanoTime() - broadcastStart);
    }
    metrics.intent("play", RoomMetrics.Outcome.APPLIED, System.nanoTime() - start);
  }

  private static double median(List<Double> figures) {
    double[] sorted = figures.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
