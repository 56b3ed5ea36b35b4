package dev.cowatch.bench;

import dev.cowatch.bench.net.DelayProxy;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.EnginePage;
import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.Percentiles;
import dev.cowatch.e2e.RoomPage;
import dev.cowatch.e2e.RoomSession;
import dev.cowatch.e2e.webdriver.Firefox;
import dev.cowatch.e2e.webdriver.WebKit;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run browser-sync --engines chromium,firefox,webkit}: browsers of different engines in one
 * room. For each other engine named, a room of two Chromium pages (Playwright) and one page of it (Firefox ESR
 * over WebDriver BiDi, WebKitGTK over W3C WebDriver under Xvfb; one engine at a time, as three browsers are
 * what two cores carry), on the real server and the e2e video; a Chromium page
 * plays, then a steady stretch, a pause and a play from the other engine's own button, and a second
 * steady stretch; twice: directly, and through the proxy that delays the app's traffic by 50 ± 20 ms each
 * way. Positions are read one page after another every 100 ms and compared at the first reading's
 * instant (each carried forward at its own rate), per pair of engines; per engine, the share of steady
 * readings at a rate other than the room's (a correction under way). Firefox's position is read from the
 * frames it presents (its currentTime steps a frame at a time; see EnginePage). No CPU hog by default (three
 * browsers and a server fill the two cores already); BENCH_HOG_THREADS adds one.
 */
public final class EnginesBench {
  static final long SAMPLE_MS = 100;
  static final long SETTLE_MS = 2_000;
  /** BENCH_ENGINES_TRACE=1: each steady reading's pages, each from its frames, its currentTime and its own controller. */
  static final boolean TRACE = System.getenv("BENCH_ENGINES_TRACE") != null;

  public record Scenario(long firstSteadyMs, long secondSteadyMs, int hogThreads) {
    public static Scenario full() {
      return new Scenario(40_000, 20_000, hogThreadsFromEnv());
    }

    public static Scenario quick() {
      return new Scenario(8_000, 4_000, hogThreadsFromEnv());
    }

    private static int hogThreadsFromEnv() {
      String v = System.getenv("BENCH_HOG_THREADS");
      return v == null || v.isBlank() ? 0 : Integer.parseInt(v.strip());
    }
  }

  /** One condition: per pair of engines ("chromium-firefox") the distances, per engine the off-rate share (%). */
  public record Condition(String name, Map<String, Percentiles> pairs, Map<String, Double> offRatePct) {
    double p(String pair, double q) {
      Percentiles p = pairs.get(pair);
      return p == null || p.count() == 0 ? Double.NaN : p.p(q);
    }

    double offRate(String engine) {
      return offRatePct.getOrDefault(engine, Double.NaN);
    }
  }

  public record Result(Condition direct, Condition jitter) {
    /** The figures are the delayed condition's; the direct one's follow. */
    public String line() {
      return String.format(Locale.ROOT, "engines: chromium_firefox_p95_ms=%.1f chromium_firefox_p99_ms=%.1f"
          + " chromium_webkit_p95_ms=%.1f firefox_rate_share_pct=%.1f chromium_webkit_p99_ms=%.1f webkit_rate_share_pct=%.1f"
          + " chromium_rate_share_pct=%.1f direct_chromium_firefox_p95_ms=%.1f direct_chromium_webkit_p95_ms=%.1f",
          jitter.p("chromium-firefox", 95), jitter.p("chromium-firefox", 99), jitter.p("chromium-webkit", 95),
          jitter.offRate("firefox"), jitter.p("chromium-webkit", 99), jitter.offRate("webkit"), jitter.offRate("chromium"),
          direct.p("chromium-firefox", 95), direct.p("chromium-webkit", 95));
    }
  }

  /** A page of any engine, read the same way. */
  private record Viewer(String engine, String name, RoomPage chromium, EnginePage other) {
    PageSample sample() {
      return chromium != null ? chromium.sample() : other.sample();
    }

    void clickPlayPause() {
      if (chromium != null) chromium.clickPlayPause();
      else other.clickPlayPause();
    }

    /** Where its presented frames put it, where its currentTime does, and its own controller's error (a trace). */
    String trace(Timeline t) {
      String js = "(() => { const v = window.__cowatch.video; const f = window.__e2eStepPosition?.();"
          + " return [Date.now(), f ?? null, v.currentTime * 1000, v.playbackRate, window.__cowatch.sync.lastErrorMs]; })()";
      List<Double> r = new ArrayList<>();
      if (chromium != null) {
        for (Object o : (List<?>) chromium.page().evaluate(js)) r.add(o == null ? Double.NaN : ((Number) o).doubleValue());
      } else {
        for (var n : other.evaluate(js)) r.add(n.isNumber() ? n.asDouble() : Double.NaN);
      }
      double expected = t.positionAt(r.get(0));
      return String.format(Locale.ROOT, "%s steps%+.1f current%+.1f rate=%.3f own%+.1f", name, r.get(1) - expected,
          r.get(2) - expected, r.get(3), r.get(4));
    }

    void installFrameReader() {
      if (chromium != null) chromium.page().evaluate(EnginePage.STEP_READER);
    }

    String commands() {
      return chromium != null ? chromium.commandCounts() : other.commandCounts();
    }
  }

  private final Scenario scenario;
  private final List<String> engines;

  public EnginesBench(Scenario scenario, List<String> engines) {
    for (String e : engines) {
      if (!List.of("chromium", "firefox", "webkit").contains(e)) {
        throw new IllegalArgumentException("unknown engine " + e + " (chromium, firefox, webkit)");
      }
    }
    this.scenario = scenario;
    this.engines = List.copyOf(engines);
  }

  public Result run(PrintStream out) throws Exception {
    try (E2eStack stack = E2eStack.start(); CpuHog hog = new CpuHog(scenario.hogThreads());
        WebKit webkit = engines.contains("webkit") ? WebKit.start() : null) {
      out.printf(Locale.ROOT, "Chromium %s%s%s; CPU hog threads: %d%n", stack.chromium().version(),
          engines.contains("firefox") ? ", Firefox ESR" : "", webkit != null ? ", WebKitGTK (Xvfb)" : "", hog.threads());
      Condition direct = condition("direct", stack, stack.baseUri(), webkit, out);
      Condition jitter;
      try (DelayProxy proxy = DelayProxy.start(new InetSocketAddress("127.0.0.1", stack.baseUri().getPort()),
          BrowserSyncBench.DELAY_MS, BrowserSyncBench.DELAY_JITTER_MS)) {
        jitter = condition(String.format(Locale.ROOT, "jitter (%.0f ± %.0f ms each way)", BrowserSyncBench.DELAY_MS,
            BrowserSyncBench.DELAY_JITTER_MS), stack, proxy.front(stack.baseUri()), webkit, out);
      }
      return new Result(direct, jitter);
    }
  }

  /** One condition: a room per other engine, one after another; their figures together. */
  private Condition condition(String name, E2eStack stack, URI appBase, WebKit webkit, PrintStream out) throws Exception {
    Steady steady = new Steady();
    for (String other : engines) {
      if (!other.equals("chromium")) room(name, other, stack, appBase, webkit, steady, out);
    }
    Condition c = steady.condition(name);
    out.printf(Locale.ROOT, "== %s, all rooms%n", name);
    for (var e : c.pairs().entrySet()) out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), e.getValue());
    for (var e : c.offRatePct().entrySet()) out.printf(Locale.ROOT, "  %s off the room's rate %.1f %% of steady readings%n", e.getKey(), e.getValue());
    return c;
  }

  /** Two Chromium pages and one of {@code other} in a new room, through the script; readings into {@code steady}. */
  private void room(String name, String other, E2eStack stack, URI appBase, WebKit webkit, Steady steady, PrintStream out)
      throws Exception {
    out.printf(Locale.ROOT, "== %s: chromium and %s%n", name, other);
    List<AutoCloseable> opened = new ArrayList<>();
    try (RoomSession room = new RoomSession(stack, stack.createRoom(), appBase)) {
      List<Viewer> viewers = new ArrayList<>();
      viewers.add(new Viewer("chromium", "Ann", room.join("Ann"), null));
      viewers.add(new Viewer("chromium", "Ben", room.join("Ben"), null));
      for (String engine : List.of(other)) {
        EnginePage page = switch (engine) {
          case "firefox" -> {
            Firefox firefox = Firefox.start();
            opened.add(firefox);
            yield new EnginePage("Fay", engine, firefox.page());
          }
          default -> new EnginePage("Wes", engine, webkit.open());
        };
        opened.add(page);
        page.join(appBase, room.roomId(), 1);
        viewers.add(new Viewer(engine, page.name(), null, page));
      }
      out.printf(Locale.ROOT, "joined: %s%n", viewers.stream().map(v -> v.name() + " (" + v.engine() + ")").toList());

      out.println("Ann (chromium) plays");
      viewers.getFirst().clickPlayPause();
      awaitAll(room, viewers, "all playing", rs -> rs.stream().allMatch(PageSample::playing));
      room.idle(SETTLE_MS);
      if (TRACE) for (Viewer v : viewers) v.installFrameReader();
      Steady mine = new Steady();
      mine.sample(room, viewers, scenario.firstSteadyMs());

      Viewer actor = viewers.getLast();
      out.printf(Locale.ROOT, "%s (%s) pauses%n", actor.name(), actor.engine());
      actor.clickPlayPause();
      List<PageSample> rest = awaitAll(room, viewers, "all paused on one frame", rs -> room.timeline().state() == PlaybackState.PAUSED
          && rs.stream().allMatch(s -> s.paused() && Math.abs(s.positionMs() - room.timeline().anchorPositionMs()) <= 25));
      out.printf(Locale.ROOT, "  resting at %s (room %d)%n", rest.stream().map(s -> Math.round(s.positionMs())).toList(),
          room.timeline().anchorPositionMs());
      room.idle(1_000);
      out.printf(Locale.ROOT, "%s (%s) plays%n", actor.name(), actor.engine());
      actor.clickPlayPause();
      awaitAll(room, viewers, "all playing again", rs -> rs.stream().allMatch(PageSample::playing));
      room.idle(SETTLE_MS);
      mine.sample(room, viewers, scenario.secondSteadyMs());

      for (Viewer v : viewers) out.printf(Locale.ROOT, "  %s (%s) was given %s%n", v.name(), v.engine(), v.commands());
      mine.printFromTimeline(out);
      Condition c = mine.condition(name);
      for (var e : c.pairs().entrySet()) out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), e.getValue());
      for (var e : c.offRatePct().entrySet()) out.printf(Locale.ROOT, "  %s off the room's rate %.1f %% of steady readings%n", e.getKey(), e.getValue());
      steady.addAll(mine);
    } finally {
      for (AutoCloseable a : opened.reversed()) a.close();
    }
  }

  /** Steady readings gathered over the condition's stretches. */
  private static final class Steady {
    private final Map<String, List<Double>> pairs = new LinkedHashMap<>();
    private final Map<String, int[]> rates = new LinkedHashMap<>(); // engine -> {off, all}
    /** Per viewer, where its player stood against the room's timeline (ms, + ahead): which page a distance is. */
    private final Map<String, List<Double>> fromTimeline = new LinkedHashMap<>();

    void sample(RoomSession room, List<Viewer> viewers, long durationMs) {
      long start = System.currentTimeMillis();
      long next = start;
      while (next < start + durationMs) {
        Timeline t = room.timeline();
        List<PageSample> s = new ArrayList<>();
        for (Viewer v : viewers) s.add(v.sample());
        boolean allPlaying = t.state() == PlaybackState.PLAYING
            && s.stream().allMatch(x -> x.playing() && x.version() == t.version());
        if (allPlaying) add(viewers, s, t);
        if (TRACE && allPlaying) {
          System.out.printf(Locale.ROOT, "trace %6d %s%n", System.currentTimeMillis() - start,
              String.join(" | ", viewers.stream().map(v -> v.trace(t)).toList()));
        }
        next += SAMPLE_MS;
        long wait = next - System.currentTimeMillis();
        if (wait > 0) room.idle(wait);
      }
    }

    private void add(List<Viewer> viewers, List<PageSample> s, Timeline t) {
      double at = s.getFirst().wallMs();
      for (int i = 0; i < viewers.size(); i++) {
        String engine = viewers.get(i).engine();
        int[] r = rates.computeIfAbsent(engine, k -> new int[2]);
        if (Math.abs(s.get(i).rate() - t.rate()) > 1e-6) r[0]++;
        fromTimeline.computeIfAbsent(viewers.get(i).name() + " (" + engine + ")", k -> new ArrayList<>())
            .add(s.get(i).positionAt(at) - t.positionAt(at));
        r[1]++;
        for (int j = i + 1; j < viewers.size(); j++) {
          String a = viewers.get(i).engine();
          String b = viewers.get(j).engine();
          String pair = a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a;
          pairs.computeIfAbsent(pair, k -> new ArrayList<>()).add(Math.abs(s.get(i).positionAt(at) - s.get(j).positionAt(at)));
        }
      }
    }

    /** Each viewer's distance from the timeline: its median (where it rests) and its spread. */
    void printFromTimeline(PrintStream out) {
      fromTimeline.forEach((who, e) -> {
        Percentiles p = new Percentiles(e);
        out.printf(Locale.ROOT, "  %s from the timeline: p5=%+.1f p50=%+.1f p95=%+.1f ms%n", who, p.p(5), p.p(50), p.p(95));
      });
    }

    void addAll(Steady other) {
      other.pairs.forEach((k, v) -> pairs.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      other.rates.forEach((k, v) -> {
        int[] r = rates.computeIfAbsent(k, x -> new int[2]);
        r[0] += v[0];
        r[1] += v[1];
      });
    }

    Condition condition(String name) {
      Map<String, Percentiles> p = new LinkedHashMap<>();
      pairs.forEach((k, v) -> p.put(k, new Percentiles(v)));
      Map<String, Double> off = new LinkedHashMap<>();
      rates.forEach((k, v) -> off.put(k, v[1] == 0 ? Double.NaN : 100.0 * v[0] / v[1]));
      return new Condition(name, p, off);
    }
  }

  private static List<PageSample> awaitAll(RoomSession room, List<Viewer> viewers, String what,
      java.util.function.Predicate<List<PageSample>> test) throws IOException {
    long until = System.currentTimeMillis() + RoomSession.AWAIT_MS;
    List<PageSample> last = List.of();
    while (System.currentTimeMillis() < until) {
      last = viewers.stream().map(Viewer::sample).toList();
      if (test.test(last)) return last;
      room.idle(50);
    }
    throw new IOException("timed out waiting for " + what + "; room " + room.timeline() + ", pages " + last);
  }
}
