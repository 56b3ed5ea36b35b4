package dev.cowatch.bench.faults;

import dev.cowatch.bench.Stats;
import dev.cowatch.bench.faults.History.Answered;
import dev.cowatch.bench.faults.History.End;
import dev.cowatch.bench.faults.History.Event;
import dev.cowatch.bench.faults.History.FaultStarted;
import dev.cowatch.bench.faults.History.Observed;
import dev.cowatch.bench.faults.History.Outcome;
import dev.cowatch.bench.faults.History.RoomAtEnd;
import dev.cowatch.bench.faults.History.Sent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Judges a fault run's {@link History}, as Jepsen's checkers judge theirs, on what the clients saw rather than on what
 * the nodes say of themselves:
 * <ul>
 *   <li><b>lost</b>: an acknowledged write not found at the end (a durable key missing, or a room whose version ended
 *       below one it acknowledged);</li>
 *   <li><b>version conflicts</b>: one version of a room naming two different timelines (told to anyone, acknowledged
 *       or sent): a room's history rewritten;</li>
 *   <li><b>unconverged</b>: a client still connected at the end that does not hold its room's last timeline (the newest
 *       version it was sent, the first timeline it was sent under that version);</li>
 *   <li><b>refusals</b>: per room, from the first operation not taken (unavailable, or no answer) to the next one
 *       acknowledged, laid to the fault last started before it.</li>
 * </ul>
 */
public final class HistoryChecker {
  /** Refusals that began with no fault started before them. */
  public static final String NO_FAULT = "no-fault";

  private HistoryChecker() {}

  /** What the checker found; {@link #line()} is the benchmark's last line. */
  public record Verdict(Map<String, Integer> faultsByKind, long acknowledged, List<String> lost,
      List<String> versionConflicts, List<String> unconverged, Map<String, List<Long>> refusalsMsByKind) {

    public int faults() {
      return faultsByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The p99 of the rooms' refusals laid to faults of {@code kind}, in seconds; 0 when none refused. */
    public double refusalP99S(String kind) {
      List<Long> ms = refusalsMsByKind.getOrDefault(kind, List.of());
      return ms.isEmpty() ? 0 : percentile(ms, 99) / 1000.0;
    }

    /** Over every kind. */
    public double refusalP99S() {
      List<Long> all = refusalsMsByKind.values().stream().flatMap(List::stream).toList();
      return all.isEmpty() ? 0 : percentile(all, 99) / 1000.0;
    }

    /** Per kind of fault: how many, and the p99 of the refusals laid to it. */
    public String kindsLine() {
      return "faults-by-kind: " + faultsByKind.entrySet().stream()
          .map(e -> String.format(Locale.ROOT, "%s=%d/%.1fs", e.getKey(), e.getValue(), refusalP99S(e.getKey())))
          .collect(Collectors.joining(" "));
    }

    public String line() {
      return String.format(Locale.ROOT,
          "faults: cycles=%d kinds=%d acknowledged=%d lost=%d version_conflicts=%d unconverged=%d refusal_p99_s=%.1f",
          faults(), faultsByKind.size(), acknowledged, lost.size(), versionConflicts.size(), unconverged.size(),
          refusalP99S());
    }

    private static double percentile(List<Long> ms, double p) {
      return new Stats(ms.stream().mapToDouble(Long::doubleValue).toArray()).percentile(p);
    }
  }

  public static Verdict check(List<Event> recorded, End end) {
    List<Event> events = new ArrayList<>(recorded);
    events.sort(Comparator.comparingLong(Event::atMs)); // stable: events of one instant keep their order
    Map<Long, Sent> sent = new HashMap<>();
    for (Event e : events) if (e instanceof Sent s) sent.put(s.op(), s);

    Map<String, Integer> faults = new TreeMap<>();
    long acknowledged = 0;
    List<String> lost = new ArrayList<>();
    Map<String, Map<Long, Set<String>>> timelinesByVersion = new TreeMap<>();
    Map<String, Observed> held = new HashMap<>();
    Set<String> conflicts = new LinkedHashSet<>();
    Map<String, Long> refusingSince = new HashMap<>();
    Map<String, String> refusingFault = new HashMap<>();
    Map<String, List<Long>> refusals = new TreeMap<>();
    String lastFault = NO_FAULT;

    for (Event e : events) {
      switch (e) {
        case FaultStarted f -> {
          faults.merge(f.kind(), 1, Integer::sum);
          lastFault = f.kind();
        }
        case Observed o -> {
          timeline(timelinesByVersion, o.room(), o.version(), o.timeline());
          // What the client holds, by the protocol's rule (docs/protocol.md, "Ignore a timeline whose version is not
          // greater than the one you hold"): broadcasts may arrive out of order, so an older one after a newer one is
          // no fault; a room that really went back shows as a lost write or as a version naming two timelines.
          held.merge(o.client() + " " + o.room(), o, (was, now) -> now.version() > was.version() ? now : was);
        }
        case Answered a -> {
          Sent s = sent.get(a.op());
          if (s == null) throw new IllegalArgumentException("an answer to op " + a.op() + ", which was never sent");
          if (a.outcome() == Outcome.ACKED) {
            acknowledged++;
            lost.addAll(lostWrite(s, a, end));
            // An operation of no room (a sign-up) is checked for loss; refusals are counted per room.
            if (s.room() == null) continue;
            if (a.timeline() != null) timeline(timelinesByVersion, s.room(), a.version(), a.timeline());
            Long since = refusingSince.remove(s.room());
            if (since != null) refusals.computeIfAbsent(refusingFault.remove(s.room()), k -> new ArrayList<>())
                .add(a.atMs() - since);
          } else if (s.room() != null && a.outcome() != Outcome.DECLINED && !refusingSince.containsKey(s.room())) {
            refusingSince.put(s.room(), a.atMs());
            refusingFault.put(s.room(), lastFault);
          }
        }
        case Sent s -> { }
        case History.FaultEnded f -> { }
      }
    }
    long lastMs = events.isEmpty() ? 0 : events.getLast().atMs();
    // A room that never took an operation again refused until the run's end: as long as it could be seen to.
    refusingSince.forEach((room, since) -> refusals.computeIfAbsent(refusingFault.get(room), k -> new ArrayList<>())
        .add(lastMs - since));

    end.rooms().forEach((room, at) -> timeline(timelinesByVersion, room, at.version(), at.timeline()));
    timelinesByVersion.forEach((room, versions) -> versions.forEach((version, timelines) -> {
      if (timelines.size() > 1) {
        conflicts.add("room " + room + " v" + version + " named " + timelines.size() + " timelines: " + timelines);
      }
    }));
    return new Verdict(faults, acknowledged, lost, List.copyOf(conflicts), unconverged(held, end), refusals);
  }

  private static List<String> lostWrite(Sent s, Answered a, End end) {
    List<String> lost = new ArrayList<>();
    if (s.durableKey() != null && !end.durableKeys().contains(s.durableKey())) {
      lost.add(s.kind() + " " + s.durableKey() + " by " + s.client() + ", acknowledged at " + a.atMs() + " ms");
    }
    if (a.timeline() == null) return lost;
    RoomAtEnd room = end.rooms().get(s.room());
    if (room == null || room.version() < a.version()) {
      lost.add(String.format(Locale.ROOT, "%s by %s in room %s, acknowledged as v%d, and the room ended at %s",
          s.kind(), s.client(), s.room(), a.version(), room == null ? "nothing" : "v" + room.version()));
    }
    return lost;
  }

  private static List<String> unconverged(Map<String, Observed> held, End end) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(end.connectedClients()).forEach((client, room) -> {
      RoomAtEnd at = end.rooms().get(room);
      Observed last = held.get(client + " " + room);
      if (at == null) {
        out.add("client " + client + " is in room " + room + ", which was not read at the end");
      } else if (last == null || last.version() != at.version() || !last.timeline().equals(at.timeline())) {
        out.add("client " + client + " ended on " + (last == null ? "no timeline" : "v" + last.version())
            + " of room " + room + ", which ended at v" + at.version());
      }
    });
    return out;
  }

  private static void timeline(Map<String, Map<Long, Set<String>>> byVersion, String room, long version,
      String timeline) {
    byVersion.computeIfAbsent(room, r -> new LinkedHashMap<>()).computeIfAbsent(version, v -> new LinkedHashSet<>())
        .add(timeline);
  }
}
