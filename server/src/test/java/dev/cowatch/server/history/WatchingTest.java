package dev.cowatch.server.history;

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

class WatchingTest {
  private static final long T0 = 1_700_000_000_000L;

  private static Room room(String media, Member... members) {
    Room r = Room.create(new RoomId("room1"), RoomSettings.defaults("Film club", 5_000),
        Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), media, T0);
    return r.withMembers(List.of(members));
  }

  private static Member member(String user, Connection connection) {
    return new Member(new MemberId("m-" + user), new UserId(user), user, Role.MEMBER, connection, Readiness.READY, T0,
        connection == Connection.CONNECTED ? 0 : T0, null, null);
  }

  @Test
  void joining_a_room_with_media_starts_a_stretch_and_leaving_ends_it() {
    Member ann = member("u-ann", Connection.CONNECTED);
    Member bob = member("u-bob", Connection.CONNECTED);
    Watching.Changes joined = Watching.changes(room("film.mp4", ann), room("film.mp4", ann, bob));
    assertThat(joined.started()).extracting(w -> w.user().value()).containsExactly("u-bob");
    assertThat(joined.ended()).isEmpty();
    Watching.Changes left = Watching.changes(room("film.mp4", ann, bob), room("film.mp4", ann));
    assertThat(left.ended()).extracting(w -> w.user().value()).containsExactly("u-bob");
    assertThat(left.ended()).extracting(Watching::roomName).containsExactly("Film club");
  }

  @Test
  void new_media_ends_every_stretch_and_starts_new_ones() {
    Member ann = member("u-ann", Connection.CONNECTED);
    Watching.Changes c = Watching.changes(room("one.mp4", ann), room("two.mp4", ann));
    assertThat(c.ended()).extracting(Watching::mediaId).containsExactly("one.mp4");
    assertThat(c.started()).extracting(Watching::mediaId).containsExactly("two.mp4");
  }

  @Test
  void no_media_disconnected_and_anonymous_sessions_are_not_watching() {
    Member gone = member("u-bob", Connection.DISCONNECTED);
    Member anonymous = member("a-xyz", Connection.CONNECTED);
    assertThat(Watching.of(room(null, member("u-ann", Connection.CONNECTED)))).isEmpty();
    assertThat(Watching.of(room("film.mp4", gone, anonymous))).isEmpty();
    assertThat(Watching.changes(null, room("film.mp4", member("u-ann", Connection.CONNECTED))).started()).hasSize(1);
  }
}
