package dev.cowatch.server.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncplayRosterTest {
  private static final long T0 = 1_700_000_000_000L;

  private static Member member(String id, String name, Readiness r, Connection c) {
    return new Member(new MemberId("member-" + id), new UserId("user-" + id), name, Role.MEMBER, c, r, T0, 0, null, null);
  }

  private static Room room(Member... members) {
    Room empty = Room.create(new RoomId("room1234"), RoomSettings.defaults("Film", 5_000),
        Roster.ownedBy(new UserId("owner"), "Owner", false, T0), "https://example.org/film.mp4", T0);
    return empty.withMembers(List.of(members)).withRevision(1);
  }

  @Test
  void update_newMember_isAnnouncedWithItsReadiness_butNotTheClientItself() {
    SyncplayRoster roster = new SyncplayRoster("room1234", "member-me");
    roster.seed(room(member("me", "Bob", Readiness.READY, Connection.CONNECTED)));

    List<String> lines = roster.update(room(member("me", "Bob", Readiness.READY, Connection.CONNECTED),
        member("a", "Ann", Readiness.BUFFERING, Connection.CONNECTED)));

    assertThat(lines).containsExactly(
        "{\"Set\":{\"user\":{\"Ann\":{\"room\":{\"name\":\"room1234\"},\"event\":{\"joined\":true}}}}}",
        "{\"Set\":{\"ready\":{\"username\":\"Ann\",\"isReady\":false,\"manuallyInitiated\":false}}}");
  }

  @Test
  void update_readinessChangeAndLeaving_areTold_andADisconnectedMemberHasLeft() {
    SyncplayRoster roster = new SyncplayRoster("room1234", "member-me");
    roster.seed(room(member("a", "Ann", Readiness.BUFFERING, Connection.CONNECTED),
        member("c", "Cid", Readiness.READY, Connection.CONNECTED)));

    List<String> lines = roster.update(room(member("a", "Ann", Readiness.READY, Connection.CONNECTED),
        member("c", "Cid", Readiness.READY, Connection.DISCONNECTED)));

    assertThat(lines).containsExactly(
        "{\"Set\":{\"ready\":{\"username\":\"Ann\",\"isReady\":true,\"manuallyInitiated\":true}}}",
        "{\"Set\":{\"user\":{\"Cid\":{\"room\":{\"name\":\"room1234\"},\"event\":{\"left\":true}}}}}");
  }

  @Test
  void twoMembersOfOneName_areToldApart() {
    SyncplayRoster roster = new SyncplayRoster("room1234", "member-me");

    roster.seed(room(member("a", "Ann", Readiness.READY, Connection.CONNECTED),
        member("b", "Ann", Readiness.READY, Connection.CONNECTED), member("c", "Ann", Readiness.READY,
            Connection.CONNECTED)));

    assertThat(List.of(roster.nameOf("member-a"), roster.nameOf("member-b"), roster.nameOf("member-c"))).containsExactly("Ann", "Ann_2",
        "Ann_3");
  }

  @Test
  void list_showsTheRoomsFileForOthersWithTheClientsLength_andTheClientsOwnFileForItself() {
    SyncplayRoster roster = new SyncplayRoster("room1234", "member-me");
    roster.seed(room(member("a", "Ann", Readiness.READY, Connection.CONNECTED),
        member("me", "Bob", Readiness.CATCHING_UP, Connection.CONNECTED)));

    assertThat(roster.list("film.mp4", "mine.mkv", 60.0)).isEqualTo("{\"List\":{\"room1234\":{"
        + "\"Ann\":{\"position\":0,\"file\":{\"name\":\"film.mp4\",\"duration\":60.0,\"size\":0},\"controller\":false,\"isReady\":true,"
        + "\"features\":{}},"
        + "\"Bob\":{\"position\":0,\"file\":{\"name\":\"mine.mkv\",\"duration\":60.0,\"size\":0},\"controller\":false,"
        + "\"isReady\":false,\"features\":{}}}}}");
  }
}
