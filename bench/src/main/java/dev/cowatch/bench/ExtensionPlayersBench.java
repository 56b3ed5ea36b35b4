package dev.cowatch.bench;

import com.microsoft.playwright.Playwright;
import dev.cowatch.e2e.AdaptiveStreams;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.SiteServer;
import dev.cowatch.e2e.SiteServer.Site;
import dev.cowatch.e2e.StreamingRoom;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The extension on the players streaming sites are built on ({@code bench/run extension-sync --players
 * shaka,dashjs,hlsjs,videojs}): for each, two Chromium profiles with the extension on the project's test site for
 * that player, playing a 60 s film as adaptive DASH or HLS (three renditions, 2 s segments) with a 6 s ad at 20 s,
 * through {@link StreamingRoom}'s session (a play, a seek, a throttled link the players switch quality under, the
 * ad), beside a CPU hog. Prints a line per player and, last, the worst of them.
 */
public final class ExtensionPlayersBench {
  public record Result(List<StreamingRoom.Result> players) {
    public String line() {
      double p95 = players.stream().mapToDouble(StreamingRoom.Result::posP95).max().orElse(Double.NaN);
      double p99 = players.stream().mapToDouble(StreamingRoom.Result::posP99).max().orElse(Double.NaN);
      double seek = players.stream().mapToDouble(StreamingRoom.Result::seekConvergeMs).max().orElse(Double.NaN);
      int switches = players.stream().mapToInt(StreamingRoom.Result::switches).min().orElse(0);
      int holds = players.stream().mapToInt(StreamingRoom.Result::adHolds).sum();
      return String.format(Locale.ROOT, "extension-players: worst_pos_p95_ms=%.1f worst_pos_p99_ms=%.1f"
          + " worst_seek_converge_ms=%.0f abr_switches=%d ad_holds=%d/%d", p95, p99, seek, switches, holds, players.size());
    }
  }

  private final List<Site> sites;
  private final boolean quick;

  public ExtensionPlayersBench(List<Site> sites, boolean quick) {
    this.sites = sites;
    this.quick = quick;
  }

  /** {@code shaka,dashjs,hlsjs,videojs} as sites. */
  static List<Site> parse(String list) {
    List<Site> out = new ArrayList<>();
    for (String name : list.split(",")) {
      Site s = switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "shaka" -> Site.SHAKA;
        case "dashjs" -> Site.DASHJS;
        case "hlsjs" -> Site.HLSJS;
        case "videojs" -> Site.VIDEOJS;
        default -> throw new IllegalArgumentException("--players: " + name + " is not one of shaka, dashjs, hlsjs, videojs");
      };
      out.add(s);
    }
    return out;
  }

  public Result run(PrintStream out) throws Exception {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "cowatch-bench-streams");
    Files.createDirectories(dir);
    AdaptiveStreams streams = AdaptiveStreams.make(dir, AdaptiveStreams.Spec.DEFAULT);
    StreamingRoom.Scenario scenario = quick ? StreamingRoom.Scenario.quick() : StreamingRoom.Scenario.full();
    List<StreamingRoom.Result> results = new ArrayList<>();
    try (E2eStack stack = E2eStack.start(); SiteServer server = SiteServer.start(streams);
         CpuHog hog = new CpuHog(BrowserSyncBench.Scenario.full().hogThreads());
         Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      out.printf(Locale.ROOT, "Chromium %s with the extension, two profiles per player; a CPU hog of %d thread(s);"
          + " a %d s film with a %d s ad at %d s%n", stack.chromium().version(), hog.threads(),
          streams.filmDurationMs() / 1000, streams.adDurationMs() / 1000, streams.adStartMs() / 1000);
      for (Site site : sites) {
        StreamingRoom.Result r = StreamingRoom.run(stack, server, streams, playwright, site, scenario, null, out);
        out.println(r.line());
        results.add(r);
      }
    }
    return new Result(results);
  }
}
