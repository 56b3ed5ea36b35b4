package dev.cowatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.webdriver.Firefox;
import dev.cowatch.e2e.webdriver.RemotePage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an engine's {@code <video>} takes a new playback rate, the figures a controller's player traits are made of
 * (web/src/engine/playerTraits.ts): the test film played in the engine alone, its rate switched ten times between
 * 0.92 and 1.08, every step of its currentTime seen by a 2 ms poll (Firefox moves it a frame at a time). Before and
 * after each switch the steps give a line at the old and the new rate (the highest offset at a step: a poll sees a
 * step late, never early); where the new line stands against the old at the instant the rate was set is
 * {@code jump - lag * (new rate - old rate)}: a jump per kind of switch (into faster, back, into slower, back) and one
 * lag for all are fitted to the ten. Until 2026-11-29 it read the presented frames ({@code requestVideoFrameCallback}),
 * which Firefox stamps with the refresh tick they were painted on: they scattered by ±16 ms at p95 and the fitted lag
 * came out -57 and -135 ms in two runs; a lag of 100 ms moves a switch of 0.04 by 4 ms only, so the lag printed says
 * how far the readings let the fit go as much as it is a trait.
 */
public final class RateSwitchBench {
  /** The switches, each held 2 s: each kind twice or three times, at two sizes, so that lag and jump part. */
  static final double[] RATES = {1.04, 1, 0.96, 1, 1.08, 1, 0.92, 1, 1.04, 1};
  private static final long HOLD_MS = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param jumpsMs per kind: into faster, back, into slower, back */
  public record Result(String engine, double startLatencyMs, double[] jumpsMs, double lagMs, double stepScatterMs) {
    public String line() {
      return String.format(Locale.ROOT, "rate-switches %s: start_latency_ms=%.1f jumps_ms=%.1f,%.1f,%.1f,%.1f lag_fit_ms=%.0f"
          + " step_scatter_p95_ms=%.1f", engine, startLatencyMs, jumpsMs[0], jumpsMs[1], jumpsMs[2], jumpsMs[3], lagMs,
          stepScatterMs);
    }
  }

  private final String engine;

  public RateSwitchBench(String engine) {
    // WebKitGTK's page for a bare video never resolved the probe's play() here (2026-11-28): its figures in
    // playerTraits.ts came from an earlier probe in a room page. Firefox only, for now.
    if (!engine.equals("firefox")) throw new IllegalArgumentException("firefox (WebKit's bare video page does not play here yet)");
    this.engine = engine;
  }

  public Result run(PrintStream out) throws Exception {
    try (E2eStack stack = E2eStack.start()) {
      try (Firefox firefox = Firefox.start()) {
        return probe(firefox.page(), stack, out);
      }
    }
  }

  private Result probe(RemotePage page, E2eStack stack, PrintStream out) throws Exception {
    page.navigate(stack.videoUrl()); // the engine's own page for a video: one <video>, nothing else
    Thread.sleep(1_500);
    StringBuilder rates = new StringBuilder();
    for (double r : RATES) rates.append(rates.isEmpty() ? "" : ",").append(r);
    // Started, then asked after: a WebDriver script may run 30 s at most, and the probe takes 25.
    page.evaluate("""
        (() => { window.__rateProbe = null; (async () => {
          const v = document.querySelector('video'); v.muted = true; v.pause(); v.currentTime = 0;
          const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
          await sleep(500);
          const frames = []; const switches = [];
          let last = v.currentTime;
          const poll = setInterval(() => {
            const c = v.currentTime;
            if (c !== last && !v.paused) frames.push([performance.now(), c * 1000]);
            last = c;
          }, 2);
          const playAt = performance.now();
          await v.play();
          await sleep(3000);
          for (const rate of [%s]) { switches.push([performance.now(), rate]); v.playbackRate = rate; await sleep(%d); }
          clearInterval(poll);
          window.__rateProbe = JSON.stringify({ playAt, frames, switches });
        })().catch((e) => { window.__rateProbe = JSON.stringify({ error: String(e) }); }); return true; })()"""
        .formatted(rates, HOLD_MS));
    long until = System.currentTimeMillis() + 3_500 + RATES.length * HOLD_MS + 15_000;
    JsonNode d = null;
    while (d == null && System.currentTimeMillis() < until) {
      Thread.sleep(1_000);
      JsonNode result = JSON.readTree(page.evaluate("window.__rateProbe"));
      if (result.isTextual()) d = JSON.readTree(result.asText());
    }
    if (d == null) throw new IllegalStateException(engine + ": the probe did not finish");
    if (d.has("error")) throw new IllegalStateException(engine + ": " + d.get("error").asText());
    List<double[]> frames = new ArrayList<>();
    d.get("frames").forEach(f -> frames.add(new double[] {f.get(0).asDouble(), f.get(1).asDouble()}));
    double playAt = d.get("playAt").asDouble();
    // The first steady line: where its clock stood at 0, against play().
    double startOffset = envelope(frames, playAt + 500, playAt + 2_800, 1);
    double startLatencyMs = -startOffset - playAt;
    double scatter = scatterP95(frames, playAt + 500, playAt + 2_800, startOffset, 1);

    int n = RATES.length;
    double[] y = new double[n];
    double[] dr = new double[n];
    int[] kind = new int[n];
    double previous = 1;
    for (int i = 0; i < n; i++) {
      double at = d.get("switches").get(i).get(0).asDouble();
      double rate = RATES[i];
      double before = envelope(frames, at - 1_500, at, previous);
      double after = envelope(frames, at + 600, at + HOLD_MS - 100, rate);
      y[i] = (after + rate * at) - (before + previous * at);
      dr[i] = rate - previous;
      kind[i] = rate > previous ? (previous < 1 ? 3 : 0) : (previous > 1 ? 1 : 2);
      out.printf(Locale.ROOT, "  %.2f -> %.2f: the new line %+.1f ms from the old at the switch%n", previous, rate, y[i]);
      previous = rate;
    }
    double[] fit = fitJumpsAndLag(y, dr, kind);
    return new Result(engine, startLatencyMs, new double[] {fit[0], fit[1], fit[2], fit[3]}, fit[4], scatter);
  }

  /** Least squares of y = jump[kind] - lag * dr: four jumps and one lag. */
  static double[] fitJumpsAndLag(double[] y, double[] dr, int[] kind) {
    int p = 5;
    double[][] a = new double[p][p + 1];
    for (int i = 0; i < y.length; i++) {
      double[] x = new double[p];
      x[kind[i]] = 1;
      x[4] = -dr[i];
      for (int r = 0; r < p; r++) {
        for (int c = 0; c < p; c++) a[r][c] += x[r] * x[c];
        a[r][p] += x[r] * y[i];
      }
    }
    for (int col = 0; col < p; col++) { // Gauss-Jordan, the pivot the largest left in its column
      int best = col;
      for (int r = col + 1; r < p; r++) if (Math.abs(a[r][col]) > Math.abs(a[best][col])) best = r;
      double[] t = a[col];
      a[col] = a[best];
      a[best] = t;
      for (int r = 0; r < p; r++) {
        if (r == col || a[col][col] == 0) continue;
        double f = a[r][col] / a[col][col];
        for (int c = col; c <= p; c++) a[r][c] -= f * a[col][c];
      }
    }
    double[] out = new double[p];
    for (int r = 0; r < p; r++) out[r] = a[r][p] / a[r][r];
    return out;
  }

  /**
   * The line's offset over [from, to): the highest of position - rate * time at the steps seen there. A poll sees a
   * step a few ms after it happens and never before, so the highest is where the clock stood at a step.
   */
  private static double envelope(List<double[]> frames, double from, double to, double rate) {
    List<Double> offsets = new ArrayList<>();
    for (double[] f : frames) if (f[0] >= from && f[0] < to) offsets.add(f[1] - rate * f[0]);
    if (offsets.size() < 5) throw new IllegalStateException("too few steps between " + from + " and " + to);
    return offsets.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  private static double scatterP95(List<double[]> frames, double from, double to, double offset, double rate) {
    List<Double> off = new ArrayList<>();
    for (double[] f : frames) if (f[0] >= from && f[0] < to) off.add(Math.abs(f[1] - rate * f[0] - offset));
    off.sort(null);
    return off.get((int) Math.floor(0.95 * (off.size() - 1)));
  }
}
