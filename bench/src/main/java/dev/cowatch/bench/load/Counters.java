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
  /** Viewers that stopped trying to join (refused for good, or their tries ran out): with {@link #joined}, settled. */
  private final LongAdder gaveUp = new LongAdder();
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

  /** A viewer that will not join: an error, and one less to wait for. */
  void gaveUp(String what) {
    gaveUp.increment();
    error(what);
  }

  /**
   * Viewers whose join is decided: in, or given up. Not {@code joined + errors}: a refused join that is tried again
   * is an error and still on its way, and counting it as settled let a run go on while hundreds were still joining.
   */
  long settled() {
    return joined.sum() + gaveUp.sum();
  }

  /** Viewers still joining when the run stopped waiting for them: errors, one each. */
  void notJoinedWithin(long viewers, long boundMs) {
    String what = "not joined within " + boundMs / 1000 + " s";
    for (long i = 0; i < viewers; i++) error(what);
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
