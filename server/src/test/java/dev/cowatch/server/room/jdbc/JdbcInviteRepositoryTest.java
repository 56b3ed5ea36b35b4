package dev.cowatch.server.room.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.access.Invite;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcInviteRepositoryTest {
  private static final long T0 = 1_700_000_000_000L;

  private static JdbcInviteRepository withRoom(Database d) {
    new JdbcRoomRepository(d.jdbi()).insert(Room.create(new RoomId("room1"), RoomSettings.defaults("r", 5_000),
        Roster.ownedBy(new UserId("u-owen"), "Owen", false, T0), null, T0), null, T0);
    return new JdbcInviteRepository(d.jdbi());
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void an_invite_is_used_at_most_max_uses_times_even_when_raced(TestDatabases.Opener db) throws Exception {
    try (Database d = db.open(); ExecutorService pool = Executors.newFixedThreadPool(4)) {
      var invites = withRoom(d);
      invites.insert(new Invite("inv-1", "room1", "u-owen", T0, T0 + 60_000, 5, 0, 0));
      AtomicInteger granted = new AtomicInteger();
      var results = new java.util.ArrayList<Future<?>>();
      for (int i = 0; i < 20; i++) {
        results.add(pool.submit(() -> {
          if (invites.consume("inv-1", T0 + 1)) granted.incrementAndGet();
        }));
      }
      for (Future<?> f : results) f.get();

      assertThat(granted).hasValue(5);
      assertThat(invites.find("inv-1").orElseThrow().uses()).isEqualTo(5);
      invites.release("inv-1");
      assertThat(invites.consume("inv-1", T0 + 2)).as("a released use can be taken again").isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void expired_and_revoked_invites_are_not_usable(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var invites = withRoom(d);
      invites.insert(new Invite("inv-a", "room1", "u-owen", T0, T0 + 1_000, 3, 0, 0));
      invites.insert(new Invite("inv-b", "room1", "u-owen", T0 + 1, T0 + 60_000, 3, 0, 0));

      assertThat(invites.consume("inv-a", T0 + 1_000)).as("expired").isFalse();
      assertThat(invites.countLive("room1", T0 + 1_000)).isEqualTo(1);
      assertThat(invites.revoke("other-room", "inv-b", T0 + 2)).as("only in its own room").isFalse();
      assertThat(invites.revoke("room1", "inv-b", T0 + 2)).isTrue();
      assertThat(invites.revoke("room1", "inv-b", T0 + 3)).as("once").isFalse();
      assertThat(invites.consume("inv-b", T0 + 4)).as("revoked").isFalse();
      assertThat(invites.ofRoom("room1", 10)).extracting(Invite::id).containsExactly("inv-b", "inv-a");
      assertThat(invites.find("inv-b").orElseThrow().revokedAt()).isEqualTo(T0 + 2);
    }
  }
}
