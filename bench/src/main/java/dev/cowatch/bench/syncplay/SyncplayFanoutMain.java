package dev.cowatch.bench.syncplay;

import dev.cowatch.bench.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints what Syncplay's server does in the fan-out scenario on this machine, one line per room size:
 * {@code java -cp "bench/target/cowatch-bench.jar:bench/target/lib/*" dev.cowatch.bench.syncplay.SyncplayFanoutMain [actions] [members...]}.
 * A fresh server per size, so one size's departures (Syncplay tells everyone left of each) do not
 * weigh on the next.
 */
public final class SyncplayFanoutMain {
  private SyncplayFanoutMain() {}

  public static void main(String[] args) throws Exception {
    int actions = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int[] sizes = {100, 500, 1000};
    if (args.length > 1) {
      sizes = new int[args.length - 1];
      for (int i = 1; i < args.length; i++) sizes[i - 1] = Integer.parseInt(args[i]);
    }
    Duration bound = Duration.ofSeconds(5);
    Path dir = Files.createTempDirectory("syncplay-fanout");
    try {
      for (int members : sizes) {
        try (SyncplayServer server = SyncplayServer.start(dir)) {
          long cpu0 = server.process().cpuNanos();
          long t0 = System.nanoTime();
          SyncplayFanout.Result r = SyncplayFanout.run(server.address(), members, actions, bound);
          double seconds = (System.nanoTime() - t0) / 1e9;
          double cpu = (server.process().cpuNanos() - cpu0) / 1e9;
          Stats s = new Stats(r.latenciesMs());
          System.out.println(String.format(Locale.ROOT,
              "syncplay: members=%d actions=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d dropped=%d"
                  + " stray=%d run_s=%.1f server_cpu_s=%.2f%s",
              members, actions, s.percentile(50), s.percentile(95), s.percentile(99), s.max(), r.errors(),
              r.dropped(), r.strayChanges(), seconds, cpu, r.failure() == null ? "" : " failure=" + r.failure()));
        }
      }
    } finally {
      // The launcher's copy and the server's log; a failed run printed what mattered already.
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
