package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.HealthNews;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.server.room.metrics.RoomMetrics;
import java.util.Optional;

/**
 * One connection's health reports: passed to the room only when they are news against the figures the room keeps for
 * the member (which came through this connection), counted in the metrics either way. Used by one thread at a time,
 * the one handling the connection's messages (its reading thread, or its hello's for reports held meanwhile).
 */
final class HealthReports {
  /** How a report that is news reaches the room: its decision when it took the report, empty when it did not. */
  @FunctionalInterface
  interface Room {
    Optional<Decision> decide(MemberId member, Intent.Report report);
  }

  private final Room room;
  private final RoomMetrics metrics;
  /** The figures the room keeps for this member, as its last decision on a report left them (NaN: none yet). */
  private double keptDriftMs = Double.NaN;
  private double keptRttMs = Double.NaN;
  private int keptSoundDelayMs;

  HealthReports(Room room, RoomMetrics metrics) {
    this.room = room;
    this.metrics = metrics;
  }

  /**
   * The member's player says it waits (buffering, or for a click): the room forgets its drift (core's Member), so
   * the next report is news even with the figures the room had.
   */
  void playerWaits() {
    keptDriftMs = Double.NaN;
  }

  void report(MemberId member, ClientMessage.Report report) {
    Intent.Report health = new Intent.Report(report.driftMs(), report.rttMs(), report.nudgesOrZero(),
        report.seeksOrZero(), report.soundDelayMsOrZero());
    // No news: the room is not asked, which in a cluster is a read of it from Redis for each steady player's report.
    if (health.soundDelayMs() == keptSoundDelayMs
        && !HealthNews.isNews(keptDriftMs, keptRttMs, health.driftMs(), health.rttMs(), health.nudges(), health.seeks())) {
      metrics.healthReported(health.driftMs(), 0, 0);
      return;
    }
    try {
      room.decide(member, health).ifPresent(d -> {
        metrics.healthReported(health.driftMs(), health.nudges(), health.seeks());
        d.room().member(member).ifPresent(m -> {
          keptDriftMs = HealthNews.orNaN(m.driftMs());
          keptRttMs = HealthNews.orNaN(m.rttMs());
          keptSoundDelayMs = m.soundDelayMs();
        });
      });
    } catch (RuntimeException e) {
      // The room could not take it now (in a cluster: Redis slow or away, the room busy on another node). A report is
      // background telemetry whose figures go again with the next one (the kept ones did not move): an error would be
      // a toast telling the viewer of a hiccup they can do nothing about. The node's log counts those failures;
      // anything else refused is answered as before, and a bug ends the connection as before.
      if (!SocketErrors.isTransient(SocketErrors.refusalOrRethrow(e))) throw e;
    }
  }
}
