package dev.cowatch.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The starts {@code bench/run startup} measured, by kind: on an empty data directory (a new
 * installation's start: the database is created and migrated) and again on the same directory (a
 * restart: the schema is already current). The last line gives the medians of the empty-directory
 * starts, the slower kind; any failed start of either kind makes it {@code error}.
 */
record StartupResult(List<StartupSample> empty, List<StartupSample> restarts) {
  StartupResult {
    empty = List.copyOf(empty);
    restarts = List.copyOf(restarts);
  }

  /** When the run as a whole failed (the launcher is missing, the time bound passed): no figures. */
  static StartupResult failed(String why) {
    return new StartupResult(List.of(StartupSample.failed(why)), List.of());
  }

  boolean ok() {
    return !empty.isEmpty() && empty.stream().allMatch(StartupSample::ok) && restarts.stream().allMatch(StartupSample::ok);
  }

  /** {@code startup: ready_ms=X rss_mib=Y first_request_ms=Z}, or {@code error} for all when not every start was measured. */
  String line() {
    if (!ok()) return "startup: ready_ms=error rss_mib=error first_request_ms=error";
    return String.format(Locale.ROOT, "startup: ready_ms=%.0f rss_mib=%.0f first_request_ms=%.0f",
        median(empty, StartupSample::readyMs), median(empty, StartupSample::rssMib),
        median(empty, StartupSample::firstRequestMs));
  }

  /** One summary line for a kind of start: medians and the spread, or the first error. */
  static String summary(String kind, List<StartupSample> samples) {
    if (samples.isEmpty()) return kind + ": error (no start measured)";
    for (StartupSample s : samples) {
      if (!s.ok()) return kind + ": error (" + s.error() + ")";
    }
    Stats ready = stats(samples, StartupSample::readyMs);
    return String.format(Locale.ROOT, "%s: ready median %.0f ms (min %.0f, max %.0f, n=%d), first request median %.0f "
            + "ms, rss median %.0f MiB, cpu median %.0f ms", kind, ready.percentile(50), ready.percentile(0), ready.max(),
        ready.count(), median(samples, StartupSample::firstRequestMs), median(samples, StartupSample::rssMib),
        median(samples, s -> s.cpuMs()));
  }

  private static double median(List<StartupSample> samples, ToDoubleFunction<StartupSample> figure) {
    return stats(samples, figure).percentile(50);
  }

  private static Stats stats(List<StartupSample> samples, ToDoubleFunction<StartupSample> figure) {
    return new Stats(samples.stream().mapToDouble(figure).toArray());
  }
}
