package dev.cowatch.server.room.members;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well a room's viewers are in sync right now, from their players' own last health reports (each
 * player's error against the timeline and its round trip): what the room's moderators see. Only
 * connected members that have reported count; a report is at most about 5 s old (the clients' period).
 *
 * @param connected members connected now
 * @param reporting of them, those that have reported since they connected
 * @param inSync of those, the ones whose error is within {@code deadBandMs} (what correction aims for)
 * @param medianDriftMs median absolute error; null (left out of the JSON) when nobody has reported
 * @param worstDriftMs largest absolute error; null when nobody has reported
 * @param worstRttMs largest round trip; null when nobody has reported
 * @param nudges rate nudges the connected members' players reported since their connections began
 * @param seeks seeks back onto the timeline they reported since then (docs/protocol.md, "report")
 * @param histogram the reporting members by how far they are: within the dead band, then up to 50, 100, 250 and
 *     1,000 ms, then beyond (a room of thousands read at a glance, where a list would be thousands of rows)
 * @param furthest the {@link #FURTHEST} members furthest from the timeline, furthest first, with their signed drift
 */
public record SyncFigures(int connected, int reporting, int inSync, double deadBandMs, Double medianDriftMs,
    Double worstDriftMs, Double worstRttMs, long nudges, long seeks, List<Bucket> histogram, List<Straggler> furthest) {

  /** Members named among the furthest from the timeline. */
  public static final int FURTHEST = 5;
  /** The histogram's upper edges after the dead band, ms; the last bucket has none. */
  static final double[] EDGES_MS = {50, 100, 250, 1_000};

  /** Reporting members whose absolute drift is above the bucket before and at most {@code upToMs} (null: no limit). */
  public record Bucket(Double upToMs, int count) {}

  /** A member far from the timeline: positive drift is ahead. */
  public record Straggler(String memberId, String name, double driftMs) {}

  public SyncFigures {
    histogram = List.copyOf(histogram);
    furthest = List.copyOf(furthest);
  }

  /** The figures without a distribution (nobody reporting, or where the caller does not ask for one). */
  public SyncFigures(int connected, int reporting, int inSync, double deadBandMs, Double medianDriftMs,
      Double worstDriftMs, Double worstRttMs, long nudges, long seeks) {
    this(connected, reporting, inSync, deadBandMs, medianDriftMs, worstDriftMs, worstRttMs, nudges, seeks, List.of(),
        List.of());
  }

  public static SyncFigures of(Room room, double deadBandMs) {
    List<Double> drifts = new ArrayList<>();
    List<Straggler> reported = new ArrayList<>();
    double worstRtt = 0;
    int connected = 0;
    long nudges = 0;
    long seeks = 0;
    for (Member m : room.members()) {
      if (!m.isConnected()) continue;
      connected++;
      nudges += m.corrections().nudges();
      seeks += m.corrections().seeks();
      if (m.driftMs() == null || m.rttMs() == null) continue;
      drifts.add(Math.abs(m.driftMs()));
      reported.add(new Straggler(m.id().value(), m.displayName(), m.driftMs()));
      worstRtt = Math.max(worstRtt, m.rttMs());
    }
    if (drifts.isEmpty()) return new SyncFigures(connected, 0, 0, deadBandMs, null, null, null, nudges, seeks);
    double[] sorted = drifts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int inSync = (int) Arrays.stream(sorted).filter(d -> d <= deadBandMs).count();
    reported.sort(java.util.Comparator.comparingDouble((Straggler x) -> -Math.abs(x.driftMs())));
    return new SyncFigures(connected, sorted.length, inSync, deadBandMs, median(sorted), sorted[sorted.length - 1],
        worstRtt, nudges, seeks, histogram(sorted, deadBandMs), reported.subList(0, Math.min(FURTHEST, reported.size())));
  }

  /** The sorted absolute drifts counted into the dead band, then EDGES_MS above it, then the rest. */
  static List<Bucket> histogram(double[] sorted, double deadBandMs) {
    List<Double> edges = new ArrayList<>(List.of(deadBandMs));
    for (double e : EDGES_MS) if (e > deadBandMs) edges.add(e);
    List<Bucket> out = new ArrayList<>();
    int i = 0;
    for (double edge : edges) {
      int n = 0;
      while (i < sorted.length && sorted[i] <= edge) {
        n++;
        i++;
      }
      out.add(new Bucket(edge, n));
    }
    out.add(new Bucket(null, sorted.length - i));
    return out;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
