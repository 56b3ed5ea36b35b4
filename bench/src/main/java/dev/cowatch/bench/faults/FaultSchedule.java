package dev.cowatch.bench.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded order of a fault run's faults: every kind once per round, the rounds' orders shuffled, each fault with its
 * target node and how long it lasts. The same seed gives the same schedule.
 */
final class FaultSchedule {
  static final List<String> KINDS = List.of("node-kill", "node-pause", "redis-primary-kill", "pg-primary-kill",
      "redis-cut", "pg-cut", "clock-step");

  /**
   * One fault: {@code node} is the node it strikes (unused by a store's kill), {@code lastsMs} how long it holds before
   * it is healed, {@code clockStepS} how far a clock step moves the node's clock.
   */
  record Fault(String kind, int node, long lastsMs, long clockStepS) {}

  private FaultSchedule() {}

  static List<Fault> of(long seed, List<String> kinds, int rounds, int nodes) {
    for (String k : kinds) {
      if (!KINDS.contains(k)) throw new IllegalArgumentException("no fault kind " + k + "; there are " + KINDS);
    }
    Random random = new Random(seed);
    List<Fault> faults = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      List<String> order = new ArrayList<>(kinds);
      Collections.shuffle(order, random);
      for (String kind : order) {
        // Pauses up to 8 s: past the rooms' 5 s leases as often as not, which is when fencing matters.
        long lasts = switch (kind) {
          case "node-pause" -> 1_000 + random.nextInt(7_000);
          case "node-kill" -> 500 + random.nextInt(2_500);
          case "clock-step" -> 3_000 + random.nextInt(5_000);
          case "redis-cut", "pg-cut" -> 1_000 + random.nextInt(6_000);
          default -> 1_000;
        };
        long step = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(30));
        faults.add(new Fault(kind, random.nextInt(nodes), lasts, step));
      }
    }
    return faults;
  }
}
