package dev.cowatch.bench;

import java.util.Locale;

/**
 * One measured start of Cowatch: from just before the launcher process was started until
 * {@code /api/health} first answered 200 and until a viewer's first request sent then was answered, and the
 * resident memory and CPU time of the process at that
 * moment. A start that failed or timed out has no figures, only why.
 */
record StartupSample(double readyMs, double firstRequestMs, long rssKib, long cpuMs, String error) {
  static StartupSample failed(String why) {
    return new StartupSample(Double.NaN, Double.NaN, -1, -1, why);
  }

  static StartupSample ready(double readyMs, double firstRequestMs, long rssKib, long cpuMs) {
    return new StartupSample(readyMs, firstRequestMs, rssKib, cpuMs, null);
  }

  boolean ok() {
    return error == null;
  }

  double rssMib() {
    return rssKib / 1024.0;
  }

  String describe() {
    if (!ok()) return "error: " + error;
    return String.format(Locale.ROOT, "%.0f ms, first request answered at %.0f ms, %.0f MiB, cpu %d ms", readyMs,
        firstRequestMs, rssMib(), cpuMs);
  }
}
