package dev.cowatch.server.room.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberListingTest {
  private static MemberView m(String id, String role, String readiness) {
    return new MemberView(id, "u-" + id, "Name " + id, role, "connected", readiness, null, null);
  }

  private static List<MemberView> guests(int n) {
    List<MemberView> list = new ArrayList<>();
    for (int i = 0; i < n; i++) list.add(m("g" + i, "guest", "ready"));
    return list;
  }

  @Test
  void aRoomOfAHundred_listsEveryone() {
    List<MemberView> room = guests(100);
    assertThat(MemberListing.listed(room)).isEqualTo(room);
    assertThat(MemberListing.forJoiner(room, "g42")).isEqualTo(room);
  }

  @Test
  void aBiggerRoom_listsOwnerAndModeratorsFirst_thenThoseNotReady_inTheRoomsOrder() {
    List<MemberView> room = guests(150);
    room.set(10, m("slow", "member", "buffering"));
    room.set(20, m("late", "guest", "catchingUp"));
    room.set(30, m("mod", "moderator", "ready"));
    room.set(140, m("owner", "owner", "buffering"));
    assertThat(MemberListing.listed(room)).extracting(MemberView::id).containsExactly("mod", "owner", "slow", "late");
  }

  @Test
  void aBiggerRoom_listsAtMostFifty_staffBeforeTheRest() {
    List<MemberView> room = new ArrayList<>();
    for (int i = 0; i < 200; i++) room.add(m("b" + i, "guest", "buffering"));
    for (int i = 0; i < 10; i++) room.add(m("mod" + i, "moderator", "ready"));
    List<MemberView> listed = MemberListing.listed(room);
    assertThat(listed).hasSize(MemberListing.MAX_LISTED);
    assertThat(listed.subList(0, 10)).extracting(MemberView::role).containsOnly("moderator");
    assertThat(listed.get(10).id()).isEqualTo("b0");
  }

  @Test
  void aJoiner_isGivenTheListedMembers_andItselfAtTheEnd() {
    List<MemberView> room = guests(150);
    room.set(0, m("owner", "owner", "ready"));
    assertThat(MemberListing.forJoiner(room, "g77")).extracting(MemberView::id).containsExactly("owner", "g77");
    assertThat(MemberListing.forJoiner(room, "owner")).extracting(MemberView::id).containsExactly("owner");
  }
}
