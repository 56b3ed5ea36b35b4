package dev.cowatch.bench;

import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.Round;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The steady rounds with the widest spread, each with where it fell in its sampling window and what
 * every page was doing: a p99 is a handful of rounds, and which window and page they come from (the
 * second after a seek, one page's rate switch under the CPU hog) says what to change.
 */
final class WorstRounds {
  private record Labelled(String window, double sinceStartMs, Round round) {}

  private final List<Labelled> rounds = new ArrayList<>();

  /** Adds one window's rounds; {@code windowStartMs} is the wall time its sampling began. */
  List<Round> add(String window, double windowStartMs, List<Round> sampled) {
    for (Round r : sampled) rounds.add(new Labelled(window, r.instantMs() - windowStartMs, r));
    return sampled;
  }

  void print(PrintStream out, int count) {
    out.printf(Locale.ROOT, "  the %d widest of %d steady rounds (page: error vs the timeline ms @ rate, clock estimate error ms):%n",
        Math.min(count, rounds.size()), rounds.size());
    rounds.stream().sorted(Comparator.comparingDouble((Labelled l) -> -l.round().spreadMs())).limit(count)
        .forEach(l -> out.printf(Locale.ROOT, "    %s +%5.0f ms spread %5.1f:%s%n", l.window(), l.sinceStartMs(),
            l.round().spreadMs(), pages(l.round())));
  }

  private static String pages(Round r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < r.samples().size(); i++) {
      PageSample s = r.samples().get(i);
      b.append(String.format(Locale.ROOT, " p%d %+6.1f @ %.3f c%+.1f", i + 1, r.timelineErrorMs(s), s.rate(),
          s.clockErrorMs()));
    }
    return b.toString();
  }
}
