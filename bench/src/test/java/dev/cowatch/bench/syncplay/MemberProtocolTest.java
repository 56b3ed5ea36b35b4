package dev.cowatch.bench.syncplay;

import static dev.cowatch.bench.syncplay.SyncplayMessagesTest.field;
import static dev.cowatch.bench.syncplay.SyncplayMessagesTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exchange of States as syncplay/protocols.py's SyncServerProtocol expects it. */
class MemberProtocolTest {
  private final MemberProtocol member = new MemberProtocol();

  private static Map<String, Object> sent(String line) {
    return field(Json.parse(line), "State");
  }

  @Test
  void periodicState_isAnswered_withTheRoomsStateAndTheServersTimestampEchoed() {
    Map<String, Object> answer = sent(member.answer(state(SyncplayMessagesTest.PERIODIC), 100.0));

    assertThat(Json.object(answer.get("playstate"))).containsOnly(Map.entry("position", 0.0), Map.entry("paused", true));
    assertThat(Json.object(answer.get("ping"))).containsOnly(Map.entry("latencyCalculation", 1795259087.2001548),
        Map.entry("clientLatencyCalculation", 100.0), Map.entry("clientRtt", 0.0));
    assertThat(answer).doesNotContainKey("ignoringOnTheFly");
  }

  @Test
  void forcedState_isFollowed_andAcknowledgedOnce_soTheServerListensAgain() {
    Map<String, Object> ack = sent(member.answer(state(SyncplayMessagesTest.RELAYED), 100.0));

    assertThat(Json.object(ack.get("ignoringOnTheFly"))).containsOnly(Map.entry("server", 1.0));
    assertThat(Json.object(ack.get("playstate"))).containsEntry("paused", false).containsEntry("position", 5.000012636184692);
    assertThat(member.serverIgnoringOnTheFly()).isZero();
    Map<String, Object> next = sent(member.answer(state(SyncplayMessagesTest.PERIODIC), 101.0));
    assertThat(next).doesNotContainKey("ignoringOnTheFly");
  }

  @Test
  void whilePlaying_theReportedPositionMovesOnWithTheClock() {
    member.answer(state(SyncplayMessagesTest.RELAYED), 100.0);
    assertThat(member.position(102.5)).isEqualTo(5.000012636184692 + 2.5);
    assertThat(member.paused()).isFalse();
  }

  @Test
  void ownChange_isSentAsAStateChange_andTheRoomIsIgnoredUntilTheServerConfirmsIt() {
    member.answer(state(SyncplayMessagesTest.PERIODIC), 100.0);

    Map<String, Object> seek = sent(member.change(70, true, true, 100.2));
    assertThat(Json.object(seek.get("playstate"))).containsOnly(Map.entry("position", 70.0), Map.entry("paused", true),
        Map.entry("doSeek", true));
    assertThat(Json.object(seek.get("ping"))).doesNotContainKey("latencyCalculation");
    assertThat(Json.object(seek.get("ignoringOnTheFly"))).containsOnly(Map.entry("client", 1.0));

    // A periodic State sent before the server had the seek: not followed, and no playstate in the answer.
    Map<String, Object> stale = sent(member.answer(state(SyncplayMessagesTest.PERIODIC), 100.3));
    assertThat(stale).doesNotContainKey("playstate");
    assertThat(Json.object(stale.get("ignoringOnTheFly"))).containsOnly(Map.entry("client", 1.0));
    assertThat(member.position(100.3)).isEqualTo(70);

    // The relay of its own change, with the server's count: followed and acknowledged.
    Map<String, Object> ack = sent(member.answer(state(SyncplayMessagesTest.CONFIRMED), 100.4));
    assertThat(member.clientIgnoringOnTheFly()).isZero();
    assertThat(Json.object(ack.get("ignoringOnTheFly"))).containsOnly(Map.entry("server", 1.0));
    assertThat(Json.object(ack.get("playstate"))).containsEntry("paused", false);
  }

  @Test
  void roundTrip_comesFromTheClientsOwnTimestampComingBack() {
    member.answer(state(SyncplayMessagesTest.CONFIRMED), 1795259088.9072134);
    Map<String, Object> next = sent(member.answer(state(SyncplayMessagesTest.PERIODIC), 1795259089.0));
    assertThat((Double) Json.object(next.get("ping")).get("clientRtt")).isCloseTo(0.003, org.assertj.core.data.Offset.offset(1e-6));
  }
}
