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
 */
public record SyncFigures(int connected, int reporting, int inSync, double deadBandMs, Double medianDriftMs,
    Double worstDriftMs, Double worstRttMs, long nudges, long seeks) {

  public static SyncFigures of(Room room, double deadBandMs) {
    List<Double> drifts = new ArrayList<>();
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
      worstRtt = Math.max(worstRtt, m.rttMs());
    }
    if (drifts.isEmpty()) return new SyncFigures(connected, 0, 0, deadBandMs, null, null, null, nudges, seeks);
    double[] sorted = drifts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int inSync = (int) Arrays.stream(sorted).filter(d -> d <= deadBandMs).count();
    return new SyncFigures(connected, sorted.length, inSync, deadBandMs, median(sorted), sorted[sorted.length - 1],
        worstRtt, nudges, seeks);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
