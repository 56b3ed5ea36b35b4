package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.jdbc.JdbcMediaGrantRepository;
import dev.cowatch.server.media.jdbc.JdbcMediaRepository;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The share rule on both databases, with the rooms and friendships it asks about set by hand. */
class MediaGrantsTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId ANN = new UserId("u-ann");
  private static final UserId BOB = new UserId("u-bob");
  private static final UserId EVE = new UserId("u-eve");
  private static final RoomId ROOM = new RoomId("room-one");
  private static final RoomId OTHER = new RoomId("room-two");
  private static final String FILM = "annfilm01";
  private static final String REF = "media:" + FILM;

  /** Who holds a role where, and who is friends with whom: what the rooms and social modules would answer. */
  private static final class World implements RoomMediaAccess, MediaGrants.Friends {
    final Set<String> roles = new HashSet<>();
    final Set<String> friendships = new HashSet<>();

    @Override
    public boolean holdsRoleIn(UserId user, Set<String> roomIds) {
      return roomIds.stream().anyMatch(r -> roles.contains(user.value() + "@" + r));
    }

    @Override
    public boolean exists(String roomId) {
      return roomId.startsWith("room-");
    }

    @Override
    public boolean areFriends(UserId a, UserId b) {
      return friendships.contains(a.value() + "+" + b.value()) || friendships.contains(b.value() + "+" + a.value());
    }
  }

  private record Setup(MediaGrants grants, MediaGrantRepository rows, MediaItem film, World world) {}

  private static Setup setup(Database d) {
    JdbcMediaRepository items = new JdbcMediaRepository(d.jdbi());
    MediaItem film = MediaItem.ready(FILM, ANN, "Film", "film.webm", 10, "a".repeat(64), "video/webm", T0);
    items.insert(film);
    JdbcMediaGrantRepository rows = new JdbcMediaGrantRepository(d.jdbi());
    World world = new World();
    MediaGrants grants = new MediaGrants(items, rows, world, Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    grants.friendsFrom(world);
    return new Setup(grants, rows, film, world);
  }

  private static void refusedAsNotFound(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(Refusal.class, e -> {
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.type()).isEqualTo("media-not-found");
    });
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void urlsNeedNothing_libraryRefsNeedTheOwner_andUnknownOrMalformedOnesAnswerAsNotFound(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      Setup s = setup(d);
      s.grants().check(EVE, "https://example.org/film.mp4");
      s.grants().place(EVE, "https://example.org/film.mp4", ROOM).run();
      s.grants().check(EVE, null);
      refusedAsNotFound(() -> s.grants().check(EVE, REF));
      refusedAsNotFound(() -> s.grants().check(EVE, "media:nosuchitem"));
      refusedAsNotFound(() -> s.grants().check(ANN, "media:../etc"));
      refusedAsNotFound(() -> s.grants().place(EVE, REF, ROOM));
      assertThat(s.rows().of(FILM, 10)).as("a refusal records nothing").isEmpty();
      s.grants().check(ANN, REF);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void theOwnersPlacement_recordsTheRoomShare_whichItsUndoTakesBack_butNotOneThatWasThereBefore(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      Setup s = setup(d);
      Runnable undo = s.grants().place(ANN, REF, ROOM);
      assertThat(s.rows().exists(FILM, MediaGrant.Scope.ROOM, ROOM.value())).isTrue();
      Runnable second = s.grants().place(ANN, REF, ROOM);
      second.run();
      assertThat(s.rows().exists(FILM, MediaGrant.Scope.ROOM, ROOM.value())).as("the earlier share stays").isTrue();
      undo.run();
      assertThat(s.rows().of(FILM, 10)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void aRoomShare_letsThatRoomsRoleHoldersWatchAndPlaceItThere_andNowhereElse(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      Setup s = setup(d);
      s.grants().place(ANN, REF, ROOM);
      assertThat(s.grants().mayWatch(BOB, s.film())).isFalse();
      s.world().roles.add("u-bob@" + ROOM.value());
      assertThat(s.grants().mayWatch(BOB, s.film())).isTrue();
      assertThat(s.grants().mayWatch(ANN, s.film())).isTrue();
      assertThat(s.grants().mayWatch(EVE, s.film())).isFalse();

      s.grants().place(BOB, REF, ROOM).run(); // already shared there: allowed, and the undo leaves the share alone
      assertThat(s.rows().exists(FILM, MediaGrant.Scope.ROOM, ROOM.value())).isTrue();
      refusedAsNotFound(() -> s.grants().place(BOB, REF, OTHER));
      refusedAsNotFound(() -> s.grants().check(BOB, REF));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void aFriendsShare_reachesFriendsOnly_andTheirRoomSharesGoWithIt(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      Setup s = setup(d);
      s.world().friendships.add("u-ann+u-bob");
      assertThat(s.grants().mayWatch(BOB, s.film())).as("friends, not shared").isFalse();
      s.grants().shareWithFriends(ANN, FILM);
      assertThat(s.grants().mayWatch(BOB, s.film())).isTrue();
      assertThat(s.grants().mayWatch(EVE, s.film())).isFalse();
      s.grants().check(BOB, REF);
      s.grants().place(ANN, REF, ROOM);
      s.grants().place(BOB, REF, OTHER);
      assertThat(s.rows().of(FILM, 10)).extracting(MediaGrant::grantedBy).containsExactlyInAnyOrder(ANN, ANN, BOB);

      s.grants().withdraw(ANN, FILM, MediaGrant.Scope.FRIENDS, "");
      assertThat(s.rows().of(FILM, 10)).as("the owner's own room share stays")
          .extracting(MediaGrant::scopeId).containsExactly(ROOM.value());
      assertThat(s.grants().mayWatch(BOB, s.film())).isFalse();
      assertThatThrownBy(() -> s.grants().withdraw(ANN, FILM, MediaGrant.Scope.FRIENDS, ""))
          .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.type()).isEqualTo("share-not-found"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void onlyTheOwnerListsMakesOrWithdrawsShares_andSharesGoWithTheItem(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      Setup s = setup(d);
      refusedAsNotFound(() -> s.grants().of(BOB, FILM));
      refusedAsNotFound(() -> s.grants().shareWithFriends(BOB, FILM));
      refusedAsNotFound(() -> s.grants().shareWithRoom(BOB, FILM, ROOM.value()));
      assertThatThrownBy(() -> s.grants().shareWithRoom(ANN, FILM, "nowhere"))
          .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.type()).isEqualTo("room-not-found"));
      s.grants().shareWithRoom(ANN, FILM, ROOM.value());
      refusedAsNotFound(() -> s.grants().withdraw(BOB, FILM, MediaGrant.Scope.ROOM, ROOM.value()));
      assertThat(s.grants().of(ANN, FILM)).hasSize(1);

      new JdbcMediaRepository(d.jdbi()).delete(FILM);
      assertThat(s.rows().of(FILM, 10)).as("deleted with the item").isEmpty();
    }
  }
}
