package dev.cowatch.bench.load;

import dev.cowatch.bench.syncplay.SyncplayFanout;
import dev.cowatch.bench.syncplay.SyncplayServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Syncplay's side of the fan-out comparison: a fresh Syncplay server per room size (a closing room
 * keeps it busy announcing departures for a while), the same pause-seek-play script.
 */
final class SyncplayPeer implements FanoutBench.Peer {
  /** An action not seen by every member in this long is an error. */
  static final Duration BOUND = Duration.ofSeconds(5);

  private final PrintStream out;

  SyncplayPeer(PrintStream out) {
    this.out = out;
  }

  @Override
  public CowatchFanout.Result run(int members, int warmup, int actions, long paceMs) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("syncplay-fanout-");
    try (SyncplayServer server = SyncplayServer.start(dir)) {
      long cpu0 = server.process().cpuNanos();
      SyncplayFanout.Result r = SyncplayFanout.run(server.address(), members, warmup, actions, BOUND);
      out.printf("  syncplay run: %s cpu_s=%.1f rss_mib=%d%n", r, (server.process().cpuNanos() - cpu0) / 1e9,
          server.process().rssBytes() >> 20);
      long errors = r.errors() + r.dropped() + r.strayChanges() + (r.failure() == null ? 0 : 1);
      return new CowatchFanout.Result(Arrays.stream(r.latenciesMs()).boxed().toList(), errors,
          r.clean() ? "" : "\n  " + r);
    }
  }
}
