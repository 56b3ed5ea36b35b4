package dev.cowatch.server.room.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresenceDiffTest {
  /** What the members have after a whole list. */
  private static Map<String, MemberView> whole(List<MemberView> now) {
    Map<String, MemberView> sent = new LinkedHashMap<>();
    for (MemberView v : now) sent.put(v.id(), v);
    return sent;
  }

  /** The diff in a room that listed, and lists, everyone. */
  private static PresenceDiff.Changes listingEveryone(Map<String, MemberView> sent, Set<String> joinedSince,
      List<MemberView> now) {
    return PresenceDiff.between(sent, sent.keySet(), joinedSince, now,
        now.stream().map(MemberView::id).collect(Collectors.toSet()));
  }

  private static MemberView m(String id, String readiness, Double driftMs, Double rttMs) {
    return new MemberView(id, "u-" + id, "Name " + id, "guest", "connected", readiness, driftMs, rttMs);
  }

  @Test
  void newChangedAndGoneMembers_areTheChanges_andWhatWasSentStaysTheBaseForTheRest() {
    MemberView a = m("a", "ready", 1.0, 40.0);
    MemberView b = m("b", "ready", 2.0, 50.0);
    MemberView c = m("c", "ready", null, null);
    var sent = whole(List.of(a, b, c));
    MemberView aNudged = m("a", "ready", 4.0, 43.0);
    MemberView bBuffering = m("b", "buffering", 2.0, 50.0);
    MemberView d = m("d", "ready", null, null);
    var changes = listingEveryone(sent, Set.of(), List.of(aNudged, bBuffering, d));
    assertThat(changes.members()).containsExactly(bBuffering, d);
    assertThat(changes.left()).containsExactly("c");
    assertThat(changes.sent().values()).as("a's small move is not sent, so the next diff starts from a as sent")
        .containsExactly(a, bBuffering, d);
  }

  @Test
  void membersWhoJoinedAndLeftSinceTheLastList_areNamedAsLeft() {
    var sent = whole(List.of(m("a", "ready", null, null)));
    var changes = listingEveryone(sent, Set.of("x", "a"), List.of(m("a", "ready", null, null)));
    assertThat(changes.members()).isEmpty();
    assertThat(changes.left()).containsExactly("x");
  }

  @Test
  void inARoomThatDoesNotListEveryone_theUnlistedAreToldAboutThemselves_andLeaveTheListWhenNoLongerListed() {
    MemberView a = m("a", "buffering", null, null);
    MemberView b = m("b", "ready", 0.0, 40.0);
    MemberView c = m("c", "ready", null, null);
    var sent = whole(List.of(a, b, c));
    MemberView aReady = m("a", "ready", null, null);
    MemberView bMoved = m("b", "ready", 30.0, 40.0);
    MemberView d = m("d", "buffering", null, null);
    var changes = PresenceDiff.between(sent, Set.of("a"), Set.of("d"), List.of(aReady, bMoved, d), Set.of("d"));
    assertThat(changes.members()).as("listed and new to the list").containsExactly(d);
    assertThat(changes.unlisted()).containsExactly("a");
    assertThat(changes.left()).as("c was never listed: nobody else has it").isEmpty();
    assertThat(changes.personal()).containsOnlyKeys("a", "b");
    assertThat(changes.sent()).containsValues(aReady, bMoved, d).doesNotContainKey("c");
  }

  @Test
  void aListedMemberWhoLeaves_isNamedAsLeft_andAnUnchangedUnlistedOneIsToldNothing() {
    MemberView a = m("a", "buffering", null, null);
    MemberView b = m("b", "ready", null, null);
    var sent = whole(List.of(a, b));
    var changes = PresenceDiff.between(sent, Set.of("a"), Set.of(), List.of(b), Set.of());
    assertThat(changes.left()).containsExactly("a");
    assertThat(changes.personal()).isEmpty();
    assertThat(changes.isEmpty()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      // drift was, drift now, rtt was, rtt now, counts as changed
      "0, 9.9, 40, 40, false",
      "0, 10, 40, 40, true",
      "0, -10, 40, 40, true",
      "0, 0, 40, 49.9, false",
      "0, 0, 40, 50, true",
      "0, 0, 200, 239, false",
      "0, 0, 200, 240, true",
      "0, 0, 200, 160, true",
  })
  void health_countsWhenItMovesEnoughToNotice(double driftWas, double driftNow, double rttWas, double rttNow, boolean changed) {
    assertThat(PresenceDiff.differs(m("a", "ready", driftWas, rttWas), m("a", "ready", driftNow, rttNow))).isEqualTo(changed);
  }

  @Test
  void aNewSoundDelay_isAChange_evenWithTheDriftStill() {
    MemberView without = m("a", "ready", 4.0, 40.0);
    MemberView with = new MemberView("a", "u-a", "Name a", "guest", "connected", "ready", 4.0, 40.0, null, 230);
    assertThat(PresenceDiff.differs(without, with)).isTrue();
    assertThat(PresenceDiff.differs(with, without)).isTrue();
    assertThat(PresenceDiff.differs(with, with)).isFalse();
  }

  @Test
  void aFirstReport_orHealthGone_isAChange() {
    assertThat(PresenceDiff.differs(m("a", "ready", null, null), m("a", "ready", 0.0, 30.0))).isTrue();
    assertThat(PresenceDiff.differs(m("a", "ready", 0.0, 30.0), m("a", "ready", null, null))).isTrue();
  }
}
