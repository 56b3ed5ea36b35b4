package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomMembersTest {
  private static MemberView m(String id, String readiness) {
    return new MemberView(id, "u-" + id, "Name " + id, "guest", "connected", readiness, null, null);
  }

  @Test
  void inABigRoom_theClientKeepsItsOwnEntry_andTheCountOfEveryone() {
    MemberView owner = new MemberView("m-1", "u-1", "Ann", "owner", "connected", "ready", null, null);
    RoomMembers joined = new RoomMembers(List.of(owner, m("m-7", "ready")), 240);

    RoomMembers buffering = joined.after(new ServerMessage.PresenceChanges(List.of(m("m-3", "buffering")), List.of(),
        List.of(), 241), "m-7");
    assertThat(buffering.listed()).extracting(MemberView::id).containsExactly("m-1", "m-7", "m-3");
    assertThat(buffering.count()).isEqualTo(241);

    RoomMembers whole = buffering.after(new ServerMessage.Presence(List.of(owner), 239), "m-7");
    assertThat(whole.listed()).extracting(MemberView::id).containsExactly("m-1", "m-7");
    assertThat(whole.count()).isEqualTo(239);

    RoomMembers unlisted = buffering.after(new ServerMessage.PresenceChanges(List.of(), List.of(),
        List.of("m-3", "m-7"), 241), "m-7");
    assertThat(unlisted.listed()).extracting(MemberView::id).containsExactly("m-1", "m-7");
  }

  @Test
  void fromAnOlderServer_withoutACount_theListIsTheCount() {
    RoomMembers two = new RoomMembers(List.of(m("m-1", "ready"), m("m-2", "ready")), 2);
    RoomMembers three = two.after(new ServerMessage.PresenceChanges(List.of(m("m-3", "ready")), List.of(), null, null), "m-1");
    assertThat(three.count()).isEqualTo(3);
  }
}
