package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.HealthNews;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.metrics.RoomMetrics;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The connection's filter on health reports: a steady player's report (figures within a change step of what the
 * room keeps, no corrections) never reaches the room, whose decisions a counting room below records; one that
 * moved a figure by a step or brings corrections does. Every report is counted in the metrics either way. The
 * room here is core's decider, so what the filter compares against is what the room really keeps.
 */
class HealthReportsTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final MemberId ANN = new MemberId("ann");

  private final CountingRoom room = new CountingRoom();
  private final CountingMetrics metrics = new CountingMetrics();
  private final HealthReports reports = new HealthReports(room, metrics);

  @Test
  void steadyReports_neverAskTheRoom_newsDoes_andAllAreCounted() {
    reports.report(ANN, report(3, 40, 0));
    assertThat(room.asked).as("the first report: the room keeps nothing yet").isEqualTo(1);

    reports.report(ANN, report(3 + HealthNews.DRIFT_CHANGE_MS - 1, 40 + HealthNews.RTT_CHANGE_MS - 1, 0));
    reports.report(ANN, report(3 - HealthNews.DRIFT_CHANGE_MS + 1, 40, 0));
    assertThat(room.asked).as("within a step of what the room keeps: not asked").isEqualTo(1);

    reports.report(ANN, report(3, 40 + HealthNews.RTT_CHANGE_MS, 0));
    assertThat(room.asked).as("the round trip moved by a step").isEqualTo(2);
    reports.report(ANN, report(3 + HealthNews.DRIFT_CHANGE_MS, 40 + HealthNews.RTT_CHANGE_MS, 0));
    assertThat(room.asked).as("the drift moved by a step").isEqualTo(3);
    reports.report(ANN, report(3 + HealthNews.DRIFT_CHANGE_MS, 40 + HealthNews.RTT_CHANGE_MS, 1));
    assertThat(room.asked).as("a correction is news whatever the figures").isEqualTo(4);

    assertThat(metrics.reports).as("every report counted, asked or not").isEqualTo(6);
    assertThat(room.current.member(ANN).orElseThrow().driftMs()).isEqualTo(3 + HealthNews.DRIFT_CHANGE_MS);
  }

  @Test
  void whatTheFilterComparesWith_isWhatTheRoomKept_notWhatWasSent() {
    reports.report(ANN, report(3, 40, 0));
    room.turnsDown = true;
    reports.report(ANN, report(30, 40, 0)); // news, but the room did not take it: it still keeps 3
    reports.report(ANN, report(30, 40, 0));
    assertThat(room.asked).as("asked again: the room's figure is still 3").isEqualTo(3);
  }

  @Test
  void afterThePlayerWaited_theSameFiguresAskTheRoom_whichForgotItsDrift() {
    reports.report(ANN, report(3, 40, 0));
    room.buffering();
    assertThat(room.current.member(ANN).orElseThrow().driftMs()).as("the room forgot it").isNull();

    reports.playerWaits();
    reports.report(ANN, report(3, 40, 0));
    assertThat(room.asked).as("the same figures are news once the player waited").isEqualTo(2);
    assertThat(room.current.member(ANN).orElseThrow().driftMs()).isEqualTo(3.0);
    reports.report(ANN, report(3, 40, 0));
    assertThat(room.asked).as("and steady again after").isEqualTo(2);
  }

  @Test
  void aRoomThatCannotTakeItNow_losesTheReportQuietly_aBugStillEndsTheConnection() {
    room.failure = new Refusal(Refusal.Kind.CAPACITY, "unavailable", "Redis is away");
    reports.report(ANN, report(3, 40, 0));
    reports.report(ANN, report(3, 40, 0));
    assertThat(room.asked).as("nothing kept: the next report asks again").isEqualTo(2);

    room.failure = new IllegalStateException("a bug");
    assertThatThrownBy(() -> reports.report(ANN, report(3, 40, 0))).isInstanceOf(IllegalStateException.class);
  }

  private static ClientMessage.Report report(double driftMs, double rttMs, int nudges) {
    return new ClientMessage.Report(driftMs, rttMs, nudges == 0 ? null : nudges, null);
  }

  /** Ann's room, decided by core; counts how often it is asked. */
  private static final class CountingRoom implements HealthReports.Room {
    private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
    Room current;
    int asked;
    boolean turnsDown;
    RuntimeException failure;

    CountingRoom() {
      UserId owner = new UserId("u-ann");
      Room created = Room.create(new RoomId("film-night"), RoomSettings.defaults("Film night", 5_000),
          Roster.ownedBy(owner, "Ann", false, NOW), null, NOW);
      current = decider.decide(created, ANN, new Intent.Join("Ann", owner, false), NOW).room();
    }

    /** Ann's player says it buffers (through the room's intents, as the connection sends them). */
    void buffering() {
      current = decider.decide(current, ANN, new Intent.Buffering(current.timeline().version()), NOW).room();
    }

    @Override
    public Optional<Decision> decide(MemberId member, Intent.Report report) {
      asked++;
      if (failure != null) throw failure;
      if (turnsDown) return Optional.empty();
      Decision d = decider.decide(current, member, report, NOW);
      current = d.room();
      return Optional.of(d);
    }
  }

  private static final class CountingMetrics implements RoomMetrics {
    int reports;

    @Override
    public void healthReported(double driftMs, int nudges, int seeks) {
      reports++;
    }

    @Override
    public void intent(String kind, Outcome outcome, long nanos) {}

    @Override
    public void fanout(dev.cowatch.server.room.bus.Broadcast.Kind kind, long nanos) {}

    @Override
    public void socketOpened(String clientKind) {}

    @Override
    public void socketClosed(int code) {}

    @Override
    public void outboxRefused() {}

    @Override
    public void slowConsumerClosed() {}
  }
}
