package dev.cowatch.server.social.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.User;
import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.social.FriendRepository;
import dev.cowatch.server.social.Notification;
import dev.cowatch.server.social.Person;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcFriendRepositoryTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId ANN = new UserId("u-ann");
  private static final UserId BOB = new UserId("u-bob");
  private static final UserId GUS = new UserId("u-gus");

  private static void users(Database d) {
    new JdbcAccountStore(d.jdbi()).transaction(r -> {
      r.users().insert(User.account(ANN, "Ann@Example.org", "Ann", "hash", T0), T0);
      r.users().insert(User.account(BOB, "bob@example.org", "Bob", "hash", T0), T0);
      r.users().insert(User.guest(GUS, "Gus", T0), T0);
      return null;
    });
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void requests_friendships_and_blocks_move_together(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      users(d);
      FriendRepository friends = new JdbcFriendRepository(d.jdbi());
      assertThat(friends.accountByEmail("ann@EXAMPLE.org")).map(Person::userId).contains(ANN);
      assertThat(friends.person(GUS)).map(Person::account).contains(false);
      assertThat(friends.accountByEmail("gus@example.org")).isEmpty();

      assertThat(friends.addRequest(ANN, BOB, T0)).isTrue();
      assertThat(friends.addRequest(ANN, BOB, T0 + 1)).as("once").isFalse();
      assertThat(friends.incoming(BOB, 10)).extracting(r -> r.person().displayName()).containsExactly("Ann");
      assertThat(friends.outgoingCount(ANN)).isEqualTo(1);

      friends.befriend(BOB, ANN, T0 + 5);
      assertThat(friends.areFriends(ANN, BOB)).isTrue();
      assertThat(friends.areFriends(BOB, ANN)).isTrue();
      assertThat(friends.hasRequest(ANN, BOB)).as("answered").isFalse();
      assertThat(friends.friendsOf(ANN, 10)).extracting(FriendRepository.Friend::sinceMs).containsExactly(T0 + 5);
      assertThat(friends.friendCount(BOB)).isEqualTo(1);

      friends.addRequest(BOB, ANN, T0 + 6);
      assertThat(friends.block(ANN, BOB, T0 + 7)).isTrue();
      assertThat(friends.block(ANN, BOB, T0 + 8)).isFalse();
      assertThat(friends.areFriends(BOB, ANN)).isFalse();
      assertThat(friends.hasRequest(BOB, ANN)).isFalse();
      assertThat(friends.blocks(ANN, BOB)).isTrue();
      assertThat(friends.blocks(BOB, ANN)).isFalse();
      assertThat(friends.blockedBy(ANN, 10)).extracting(Person::userId).containsExactly(BOB);
      assertThat(friends.unblock(ANN, BOB)).isTrue();
      assertThat(friends.unblock(ANN, BOB)).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void notifications_keep_the_newest_and_count_unread(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      users(d);
      var notes = new JdbcNotificationRepository(d.jdbi());
      long last = 0;
      for (int i = 0; i < 5; i++) {
        last = notes.add(new Notification(0, BOB, Notification.Kind.ROOM_INVITE, ANN, "Ann",
            Map.of("roomName", "Room " + i), T0 + i, null), 3).id();
      }
      assertThat(notes.page(BOB, null, 10)).extracting(n -> n.data().get("roomName"))
          .containsExactly("Room 4", "Room 3", "Room 2");
      assertThat(notes.page(BOB, last, 10)).hasSize(2);
      assertThat(notes.unreadCount(BOB)).isEqualTo(3);
      assertThat(notes.markRead(BOB, last - 1, T0 + 10)).isEqualTo(2);
      assertThat(notes.unreadCount(BOB)).isEqualTo(1);
      assertThat(notes.page(ANN, null, 10)).isEmpty();
    }
  }
}
