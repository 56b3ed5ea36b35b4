package dev.cowatch.bench.faults;

import dev.cowatch.bench.faults.History.Event;
import dev.cowatch.bench.faults.History.Sent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which writes of a register (a room's name, a member's role: one writer each, one write at a time) the value found at
 * the end proves were kept. The value is the last write that took effect; that write and every write of the register
 * before it are then kept (a later one replaced them, it did not lose them), the writes after it are not. A value no
 * write gave (what the register held before the run) keeps none. Of the writes that gave the value, the last counts:
 * the most generous reading, so an acknowledged write is called lost only when no order of events explains the end.
 */
final class RegisterWrites {
  private RegisterWrites() {}

  /**
   * The durable keys of the writes kept, from every write sent (keys {@code reg|register|seq|value},
   * {@link Workload#registerKey}) and each register's value at the end.
   */
  static Set<String> survivors(List<Event> events, Map<String, String> valuesAtEnd) {
    Map<String, Integer> lastGivingEnd = new HashMap<>();
    Map<String, Set<String[]>> writes = new HashMap<>();
    for (Event e : events) {
      if (!(e instanceof Sent s) || s.durableKey() == null || !s.durableKey().startsWith("reg|")) continue;
      String[] k = s.durableKey().split("\\|", 4);
      writes.computeIfAbsent(k[1], r -> new HashSet<>()).add(k);
      if (k[3].equals(valuesAtEnd.get(k[1]))) lastGivingEnd.merge(k[1], Integer.parseInt(k[2]), Math::max);
    }
    Set<String> kept = new HashSet<>();
    writes.forEach((register, ks) -> {
      int upTo = lastGivingEnd.getOrDefault(register, 0);
      for (String[] k : ks) if (Integer.parseInt(k[2]) <= upTo) kept.add(String.join("|", k));
    });
    return kept;
  }
}
