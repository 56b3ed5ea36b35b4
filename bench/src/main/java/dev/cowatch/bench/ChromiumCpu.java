package dev.cowatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of this benchmark's Chromium processes by kind (browser, renderer, gpu-process, network
 * utility...), from /proc: what the JavaScript profile cannot see (IndexedDB and blobs in the browser
 * process, SCTP and DTLS on the renderers' network threads, video decoding). Only this JVM's descendants
 * are counted, not other engineers' browsers on the same machine.
 */
final class ChromiumCpu {
  private static final Pattern TYPE = Pattern.compile("--type=(\\S+)");
  private static final Pattern SUB_TYPE = Pattern.compile("--utility-sub-type=(\\S+)");
  /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat, 100 on Linux for every architecture here. */
  private static final double TICKS_PER_SECOND = 100;

  private final Map<Long, Double> startSeconds;
  private final double wallStartNanos;

  private ChromiumCpu() {
    this.startSeconds = perProcess();
    this.wallStartNanos = System.nanoTime();
  }

  static ChromiumCpu start() {
    return new ChromiumCpu();
  }

  /** Prints each kind's CPU seconds since {@link #start} (processes started since count from zero). */
  void stopAndPrint(PrintStream out) {
    double wall = (System.nanoTime() - wallStartNanos) / 1e9;
    Map<String, Double> byKind = new TreeMap<>();
    double total = 0;
    for (var e : perProcess().entrySet()) {
      double used = e.getValue() - startSeconds.getOrDefault(e.getKey(), 0.0);
      String kind = kindOf(e.getKey());
      // Each renderer on its own line: the sharer's page, the receiver's, and whatever else runs.
      if ("renderer".equals(kind)) kind = "renderer " + e.getKey();
      if (kind == null) continue;
      byKind.merge(kind, used, Double::sum);
      total += used;
    }
    out.printf("chromium CPU over %.1f s of transfer: %.1f s in all%n", wall, total);
    for (var e : byKind.entrySet()) out.printf("  %6.2f s  %s%n", e.getValue(), e.getKey());
  }

  /** utime + stime in seconds of every live descendant of this JVM. */
  private static Map<Long, Double> perProcess() {
    Map<Long, Double> out = new TreeMap<>();
    ProcessHandle.current().descendants().forEach(p -> {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        // Fields after the command's parenthesis: state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out.put(p.pid(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
      } catch (IOException | RuntimeException gone) {
        // the process ended between the listing and the read
      }
    });
    return out;
  }

  private static String kindOf(long pid) {
    try {
      String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
      if (!cmd.contains("chromium")) return null;
      Matcher t = TYPE.matcher(cmd);
      if (!t.find()) return "browser";
      Matcher s = SUB_TYPE.matcher(cmd);
      return t.group(1) + (s.find() ? " " + s.group(1) : "");
    } catch (IOException e) {
      return null;
    }
  }
}
