package dev.cowatch.bench.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What went wrong during a run, by kind, with the first words of each kind kept for the report. */
final class Counters {
  final LongAdder joined = new LongAdder();
  /** Intents refused as based on an older version: the protocol working, counted but not errors. */
  final LongAdder conflicts = new LongAdder();
  /** Controller turns skipped because the room's previous intent was still in flight (stalls). */
  final LongAdder deferred = new LongAdder();
  /** Joins refused with 1013 (try again later) and tried again, as clients do: not errors unless they run out. */
  final LongAdder retriedJoins = new LongAdder();
  private final LongAdder lostAfterJoining = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

  void error(String what) {
    errors.increment();
    String kind = what.length() > 120 ? what.substring(0, 120) : what;
    if (byKind.size() < 50 || byKind.containsKey(kind)) byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  void lostAfterJoining(String what) {
    lostAfterJoining.increment();
    error(what);
  }

  long lostAfterJoining() {
    return lostAfterJoining.sum();
  }

  long errors() {
    return errors.sum();
  }

  /** The most frequent kinds, for the log. */
  String summary() {
    StringBuilder b = new StringBuilder();
    byKind.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().sum(), x.getValue().sum())).limit(5)
        .forEach(e -> b.append("\n  ").append(e.getValue().sum()).append(" x ").append(e.getKey()));
    return b.toString();
  }
}
