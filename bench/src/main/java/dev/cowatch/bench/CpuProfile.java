package dev.cowatch.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page's main-thread JavaScript profile through the DevTools protocol's {@code Profiler} domain: where a
 * transfer's time goes on the sharer and on the receiver (bench/run p2p with BENCH_P2P_PROFILE=1). Prints
 * self time per function, largest first, with "(idle)" showing how much of the main thread was free.
 */
final class CpuProfile {
  private final CDPSession session;
  private final String who;

  private CpuProfile(CDPSession session, String who) {
    this.session = session;
    this.who = who;
  }

  static CpuProfile start(Page page, String who) {
    CDPSession s = page.context().newCDPSession(page);
    s.send("Profiler.enable");
    JsonObject interval = new JsonObject();
    interval.addProperty("interval", 500); // microseconds: fine enough for 64 KiB chunks arriving every ~1 ms
    s.send("Profiler.setSamplingInterval", interval);
    s.send("Profiler.start");
    return new CpuProfile(s, who);
  }

  /** Stops and prints the `top` functions by self time. */
  void stopAndPrint(PrintStream out, int top) {
    JsonObject profile = session.send("Profiler.stop").getAsJsonObject("profile");
    session.detach();
    Map<Integer, String> nameOf = new HashMap<>();
    for (JsonElement e : profile.getAsJsonArray("nodes")) {
      JsonObject n = e.getAsJsonObject();
      JsonObject f = n.getAsJsonObject("callFrame");
      String url = f.get("url").getAsString();
      String file = url.isEmpty() ? "" : " " + url.substring(url.lastIndexOf('/') + 1) + ":" + (f.get("lineNumber").getAsInt() + 1);
      String fn = f.get("functionName").getAsString();
      nameOf.put(n.get("id").getAsInt(), (fn.isEmpty() ? "(anonymous)" : fn) + file);
    }
    JsonArray samples = profile.getAsJsonArray("samples");
    JsonArray deltas = profile.getAsJsonArray("timeDeltas");
    Map<String, Double> selfMs = new HashMap<>();
    double totalMs = 0;
    for (int i = 0; i < samples.size(); i++) {
      double ms = deltas.get(i).getAsDouble() / 1000;
      totalMs += ms;
      selfMs.merge(nameOf.get(samples.get(i).getAsInt()), ms, Double::sum);
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    selfMs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    out.printf("profile of %s's page: %.0f ms sampled%n", who, totalMs);
    for (var e : sorted.entrySet()) out.printf("  %7.1f ms %5.1f %%  %s%n", e.getValue(), 100 * e.getValue() / totalMs, e.getKey());
  }
}
