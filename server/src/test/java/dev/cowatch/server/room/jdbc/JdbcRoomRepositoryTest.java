package dev.cowatch.server.room.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.live.RoomRepository.TimelineCheckpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rooms in SQLite and PostgreSQL alike. */
class JdbcRoomRepositoryTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId OWEN = new UserId("u-owen");
  private static final UserId MEL = new UserId("u-mel");
  private static final UserId GIL = new UserId("g-gil");

  private static Room room(String id, String name, Visibility visibility) {
    RoomSettings s = RoomSettings.defaults(name, 5_000).withAccess(visibility, false, true);
    return Room.create(new RoomId(id), s, Roster.ownedBy(OWEN, "Owen", false, T0), "film.mp4", T0);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void a_checkpoint_of_an_older_version_never_replaces_a_newer_one(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room2", "Film night", Visibility.PRIVATE);
      repo.insert(room, null, T0);
      repo.saveTimelines(List.of(new TimelineCheckpoint(room.id(), "film.mp4", 5_000, 1.0, 6, T0 + 10, null)));

      // A background checkpoint that read the room before version 6 was stored arrives late.
      repo.saveTimelines(List.of(new TimelineCheckpoint(room.id(), "film.mp4", 4_000, 1.0, 5, T0 + 11, null)));
      // The same version moves on (a playing room's position).
      Room sameVersion = repo.load(room.id()).orElseThrow();
      repo.saveTimelines(List.of(new TimelineCheckpoint(room.id(), "film.mp4", 5_500, 1.0, 6, T0 + 12, null)));

      assertThat(sameVersion.timeline().anchorPositionMs()).isEqualTo(5_000);
      assertThat(sameVersion.timeline().version()).isEqualTo(7);
      assertThat(repo.load(room.id()).orElseThrow().timeline().anchorPositionMs()).isEqualTo(5_500);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void a_stored_room_comes_back_with_settings_roster_bans_and_a_paused_timeline(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1", "Film night", Visibility.PRIVATE);
      repo.insert(room, "hash", T0);
      Roster roster = roomRoster(room.roster());
      repo.saveRoster(room.id(), 1, room.roster(), roster);
      repo.saveSettings(room.id(), 2, room.settings().withControlMode(ControlMode.MODERATORS).withName("Renamed"),
          Optional.empty(), T0 + 1);
      repo.saveTimelines(List.of(new TimelineCheckpoint(room.id(), "film.mp4", 754_321, 1.25, 7, T0 + 90_000, null)));

      Room back = repo.load(room.id()).orElseThrow();

      assertThat(back.settings().name()).isEqualTo("Renamed");
      assertThat(back.settings().controlMode()).isEqualTo(ControlMode.MODERATORS);
      assertThat(back.settings().visibility()).isEqualTo(Visibility.PRIVATE);
      assertThat(back.settings().passwordProtected()).isTrue();
      assertThat(back.roster()).isEqualTo(roster);
      assertThat(back.timeline().state()).isEqualTo(PlaybackState.PAUSED);
      assertThat(back.timeline().anchorPositionMs()).isEqualTo(754_321);
      assertThat(back.timeline().rate()).isEqualTo(1.25);
      assertThat(back.timeline().version()).as("moves past the stored version").isEqualTo(8);
      assertThat(back.members()).isEmpty();
      assertThat(back.subtitleTrack()).isNull();
      assertThat(repo.passwordHash(room.id())).contains("hash");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void the_subtitle_track_is_checkpointed_with_the_timeline_and_comes_back(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room-subs", "Subs", Visibility.PUBLIC);
      repo.insert(room, null, T0);
      repo.saveTimelines(List.of(new TimelineCheckpoint(room.id(), "media:abcdefgh2345", 1_000, 1.0, 3, T0 + 1,
          "trk23456789abcde")));
      assertThat(repo.load(room.id()).orElseThrow().subtitleTrack()).isEqualTo("trk23456789abcde");
      repo.saveTimelines(List.of(new TimelineCheckpoint(room.id(), "media:other2345678", 0, 1.0, 4, T0 + 2, null)));
      Room back = repo.load(room.id()).orElseThrow();
      assertThat(back.subtitleTrack()).isNull();
      assertThat(back.timeline().mediaId()).isEqualTo("media:other2345678");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void roster_changes_are_written_as_differences_including_removals_and_unbans(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room2", "r", Visibility.UNLISTED);
      repo.insert(room, null, T0);
      Roster full = roomRoster(room.roster());
      repo.saveRoster(room.id(), 1, room.roster(), full);
      var entries = new LinkedHashMap<>(full.entries());
      entries.remove(MEL);
      entries.put(GIL, new RosterEntry(Role.MEMBER, "Gil", true, T0 + 5));
      Roster next = new Roster(entries, Set.of());
      repo.saveRoster(room.id(), 2, full, next);

      assertThat(repo.load(room.id()).orElseThrow().roster()).isEqualTo(next);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void a_newcomer_remembered_ahead_of_the_join_is_stored_once_and_the_joins_own_write_replaces_it(
      TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room3", "r", Visibility.PUBLIC);
      repo.insert(room, null, T0);

      repo.rememberAhead(room.id(), 0, GIL, RosterEntry.newcomer("Gil", true, T0 + 1));
      repo.rememberAhead(room.id(), 0, GIL, RosterEntry.newcomer("Gil again", true, T0 + 2));
      repo.rememberAhead(room.id(), 0, OWEN, RosterEntry.newcomer("Owen the viewer", false, T0 + 3));
      var stored = repo.load(room.id()).orElseThrow().roster();
      assertThat(stored.entry(GIL)).contains(new RosterEntry(Role.GUEST, "Gil", true, T0 + 1));
      assertThat(stored.entry(OWEN).orElseThrow().role()).as("a user with an entry keeps it").isEqualTo(Role.OWNER);

      // The join's decision remembered Gil under another name (it wrote its roster after all): no duplicate row.
      var entries = new LinkedHashMap<>(room.roster().entries());
      entries.put(GIL, new RosterEntry(Role.GUEST, "Gil G.", true, T0 + 4));
      Roster joined = new Roster(entries, Set.of());
      repo.saveRoster(room.id(), 1, room.roster(), joined);
      assertThat(repo.load(room.id()).orElseThrow().roster()).isEqualTo(joined);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void the_directory_lists_public_rooms_matching_the_query_and_my_rooms_list_mine(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      repo.insert(room("pub1", "Friday Anime Club", Visibility.PUBLIC), null, T0);
      repo.insert(room("pub2", "Horror 100% night", Visibility.PUBLIC), "h", T0 + 10);
      repo.insert(room("unl1", "Anime but unlisted", Visibility.UNLISTED), null, T0 + 20);
      Room mine = room("priv1", "Private anime", Visibility.PRIVATE);
      repo.insert(mine, null, T0 + 30);
      repo.saveRoster(mine.id(), 1, mine.roster(), roomRoster(mine.roster()));

      assertThat(repo.directory("anime", 10)).extracting(s -> s.id()).containsExactly("pub1");
      assertThat(repo.directory("", 10)).extracting(s -> s.id()).containsExactly("pub2", "pub1");
      assertThat(repo.directory("100%", 10)).extracting(s -> s.id()).as("% is a character, not a wildcard")
          .containsExactly("pub2");
      assertThat(repo.directory("", 10).getFirst().passwordProtected()).isTrue();
      assertThat(repo.directory("", 10).getFirst().ownerName()).isEqualTo("Owen");
      assertThat(repo.roomsOf(MEL, 10)).extracting(r -> r.room().id(), r -> r.role())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("priv1", "MEMBER"));
      assertThat(repo.roomsOf(OWEN, 10)).hasSize(4);
      assertThat(repo.countOwnedBy(OWEN)).isEqualTo(4);
      assertThat(repo.countOwnedBy(MEL)).isZero();
      assertThat(repo.delete(mine.id())).isTrue();
      assertThat(repo.roomsOf(MEL, 10)).isEmpty();
      assertThat(repo.load(mine.id())).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void directory_search_ignores_case_in_every_script(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      repo.insert(room("room-de", "ÄRGER IM KINO", Visibility.PUBLIC), null, T0);
      repo.insert(room("room-ru", "Ёлки ВМЕСТЕ", Visibility.PUBLIC), null, T0 + 10);
      repo.insert(room("room-en", "Under the Sea", Visibility.PUBLIC), null, T0 + 20);

      assertThat(repo.directory("ärger", 10)).extracting(s -> s.id()).containsExactly("room-de");
      assertThat(repo.directory("ёлки вместе", 10)).extracting(s -> s.id()).containsExactly("room-ru");
      assertThat(repo.directory("UNDER", 10)).extracting(s -> s.id()).containsExactly("room-en");
      assertThat(repo.directory("_", 10)).as("_ is a character, not a wildcard").isEmpty();
    }
  }

  /** Owen owns it, Mel is a member, Gil a guest moderator, and someone is banned. */
  private static Roster roomRoster(Roster owned) {
    var entries = new LinkedHashMap<>(owned.entries());
    entries.put(MEL, new RosterEntry(Role.MEMBER, "Mel", false, T0 + 1));
    entries.put(GIL, new RosterEntry(Role.MODERATOR, "Gil", true, T0 + 2));
    return new Roster(entries, Set.of(new UserId("u-troll")));
  }
}
