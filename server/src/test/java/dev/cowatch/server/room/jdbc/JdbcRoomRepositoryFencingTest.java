package dev.cowatch.server.room.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.QueueItem;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Durable writes are fenced by the room's revision (issue 54): a node that lost the room's lease while stalled and
 * writes its decision at revision r + 1 after a later decision's write at r + 2 changes nothing, in SQLite and
 * PostgreSQL alike.
 */
class JdbcRoomRepositoryFencingTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId OWEN = new UserId("u-owen");
  private static final UserId MEL = new UserId("u-mel");
  private static final UserId TROLL = new UserId("u-troll");
  /** The revision the late write was decided at; the later decision is one on. */
  private static final long LATE = 7;
  private static final long LATER = LATE + 1;

  private static Room room(String id) {
    return Room.create(new RoomId(id), RoomSettings.defaults("Film night", 5_000), Roster.ownedBy(OWEN, "Owen", false, T0),
        "film.mp4", T0);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void lateSettings_changeNothing_butALatePasswordStillLandsOverSettingsAlone(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1");
      repo.insert(room, null, T0);

      repo.saveSettings(room.id(), LATER, room.settings().withName("Later"), Optional.empty(), T0 + 2);
      repo.saveSettings(room.id(), LATE, room.settings().withName("Late").withControlMode(ControlMode.MODERATORS),
          Optional.of("late-hash"), T0 + 1);

      RoomSettings stored = repo.load(room.id()).orElseThrow().settings();
      assertThat(stored.name()).isEqualTo("Later");
      assertThat(stored.controlMode()).isEqualTo(room.settings().controlMode());
      // The later decision changed the name alone and wrote no hash: the late one's password is still the newest.
      assertThat(repo.passwordHash(room.id())).contains("late-hash");

      repo.saveSettings(room.id(), LATER + 1, room.settings().withName("Later"), Optional.of("newest-hash"), T0 + 3);
      repo.saveSettings(room.id(), LATER, room.settings().withName("Late again"), Optional.of(""), T0 + 4);
      assertThat(repo.passwordHash(room.id())).contains("newest-hash");
      assertThat(repo.load(room.id()).orElseThrow().settings().name()).isEqualTo("Later");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void aLateQueue_changesNothing(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1");
      repo.insert(room, null, T0);
      List<QueueItem> later = List.of(new QueueItem("item2", "two.mp4", "Two"), new QueueItem("item3", "three.mp4", "Three"));

      repo.saveQueue(room.id(), LATER, later);
      repo.saveQueue(room.id(), LATE, List.of(new QueueItem("item1", "one.mp4", "One")));
      repo.saveQueue(room.id(), LATE, List.of());

      assertThat(repo.load(room.id()).orElseThrow().queue()).isEqualTo(later);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void aLateEntry_doesNotReplaceOneAddedLater(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1");
      repo.insert(room, null, T0);
      Roster base = room.roster();

      Roster later = with(base, MEL, new RosterEntry(Role.MEMBER, "Mel", false, T0 + 2));
      repo.saveRoster(room.id(), LATER, base, later);
      repo.saveRoster(room.id(), LATE, base, with(base, MEL, new RosterEntry(Role.MODERATOR, "Mel late", false, T0 + 1)));

      assertThat(repo.load(room.id()).orElseThrow().roster()).isEqualTo(later);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void aLateEntry_doesNotReplaceOneChangedLater(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1");
      repo.insert(room, null, T0);
      Roster withMel = with(room.roster(), MEL, new RosterEntry(Role.MEMBER, "Mel", false, T0));
      repo.saveRoster(room.id(), 1, room.roster(), withMel);

      Roster later = with(withMel, MEL, new RosterEntry(Role.MODERATOR, "Mel", false, T0));
      repo.saveRoster(room.id(), LATER, withMel, later);
      repo.saveRoster(room.id(), LATE, withMel, with(withMel, MEL, new RosterEntry(Role.MEMBER, "Mel late", false, T0)));

      assertThat(repo.load(room.id()).orElseThrow().roster()).isEqualTo(later);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void aLateEntry_doesNotBringBackOneRemovedLater_norALateRemovalTakeOneAddedLater(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1");
      repo.insert(room, null, T0);
      Roster withMel = with(room.roster(), MEL, new RosterEntry(Role.MEMBER, "Mel", false, T0));
      repo.saveRoster(room.id(), 1, room.roster(), withMel);

      // Banned later (the entry removed, the ban added); the late write had changed Mel's entry.
      Roster banned = new Roster(room.roster().entries(), Set.of(MEL));
      repo.saveRoster(room.id(), LATER, withMel, banned);
      repo.saveRoster(room.id(), LATE, withMel, with(withMel, MEL, new RosterEntry(Role.MODERATOR, "Mel", false, T0)));
      assertThat(repo.load(room.id()).orElseThrow().roster()).isEqualTo(banned);
      assertThat(repo.roomsOf(MEL, 10)).isEmpty();

      // Let back in and remembered again; a late decision from before that removed Mel takes nothing.
      Roster back = with(room.roster(), MEL, new RosterEntry(Role.MEMBER, "Mel again", false, T0 + 5));
      repo.saveRoster(room.id(), LATER + 2, banned, back);
      repo.saveRoster(room.id(), LATER + 1, withMel, new Roster(room.roster().entries(), Set.of(MEL, TROLL)));

      assertThat(repo.load(room.id()).orElseThrow().roster()).isEqualTo(back);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void aNewcomerStoredAhead_isReplacedByItsJoinsOwnWrite_andTheRoomComesBackAtItsNewestRevision(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1");
      repo.insert(room, null, T0);

      repo.rememberAhead(room.id(), 3, MEL, RosterEntry.newcomer("Mel", false, T0));
      assertThat(repo.load(room.id()).orElseThrow().revision()).isEqualTo(3);
      Roster joined = with(room.roster(), MEL, new RosterEntry(Role.MODERATOR, "Mel M.", false, T0 + 1));
      repo.saveRoster(room.id(), 4, room.roster(), joined);
      repo.saveQueue(room.id(), 6, List.of(new QueueItem("item1", "one.mp4", "One")));

      Room back = repo.load(room.id()).orElseThrow();
      assertThat(back.roster()).isEqualTo(joined);
      assertThat(back.revision()).as("decisions on the loaded room write past every stored part").isEqualTo(6);
    }
  }

  /**
   * Decisions in order, each changing some entries and bans, written in a shuffled order (each at its own revision,
   * as nodes stalled for different lengths would): what is stored is the last decision's roster, whatever the order.
   */
  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void rostersWrittenInAnyOrder_endAsTheNewestDecisionsRoster(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      for (long seed = 1; seed <= 12; seed++) {
        Random random = new Random(seed);
        Room room = room("room-" + seed);
        repo.insert(room, null, T0);
        List<Roster> rosters = new ArrayList<>(List.of(room.roster()));
        for (int decision = 1; decision <= 10; decision++) rosters.add(nextRoster(rosters.getLast(), random));
        List<Integer> order = new ArrayList<>();
        for (int revision = 1; revision < rosters.size(); revision++) order.add(revision);
        Collections.shuffle(order, random);

        for (int revision : order) {
          repo.saveRoster(room.id(), revision, rosters.get(revision - 1), rosters.get(revision));
        }

        Room back = repo.load(room.id()).orElseThrow();
        assertThat(back.roster()).as("seed %d, written in the order %s", seed, order).isEqualTo(rosters.getLast());
      }
    }
  }

  /** Owen stays the owner; each of three others may join, change role or name, leave, be banned or let back in. */
  private static Roster nextRoster(Roster roster, Random random) {
    Map<UserId, RosterEntry> entries = new LinkedHashMap<>(roster.entries());
    Set<UserId> banned = new LinkedHashSet<>(roster.banned());
    for (String name : List.of("ann", "ben", "cat")) {
      UserId user = new UserId("u-" + name);
      switch (random.nextInt(5)) {
        case 0 -> {
          entries.put(user, new RosterEntry(random.nextBoolean() ? Role.MEMBER : Role.MODERATOR,
              name + random.nextInt(100), false, T0 + random.nextInt(1_000)));
          banned.remove(user);
        }
        case 1 -> entries.remove(user);
        case 2 -> {
          entries.remove(user);
          banned.add(user);
        }
        case 3 -> banned.remove(user);
        default -> { }
      }
    }
    return new Roster(entries, banned);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void twoTransfersTheFirstNeverWritten_loadAsTheNewestOwner_andTheOtherAModerator(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcRoomRepository(d.jdbi());
      Room room = room("room1");
      repo.insert(room, null, T0);
      Roster withMel = with(room.roster(), MEL, new RosterEntry(Role.MEMBER, "Mel", false, T0));
      repo.saveRoster(room.id(), 1, room.roster(), withMel);
      // Revision 2 hands the room to Mel (Owen becomes a moderator); its node dies after the live commit, before its
      // database write. Revision 3 changes Mel's entry alone and writes that difference: Mel's row, as owner. The
      // database then holds Owen's owner row from revision 0 beside Mel's from revision 3.
      Map<UserId, RosterEntry> handedOver = new LinkedHashMap<>(withMel.entries());
      handedOver.put(MEL, new RosterEntry(Role.OWNER, "Mel", false, T0));
      handedOver.put(OWEN, new RosterEntry(Role.MODERATOR, "Owen", false, T0));
      Roster toMel = new Roster(handedOver, withMel.banned());
      repo.saveRoster(room.id(), 3, toMel, with(toMel, MEL, new RosterEntry(Role.OWNER, "Mel", false, T0 + 3)));
      Roster loaded = repo.load(room.id()).orElseThrow().roster();

      assertThat(loaded.owner()).isEqualTo(MEL);
      assertThat(loaded.entries().get(OWEN).role()).isEqualTo(Role.MODERATOR);
    }
  }

  private static Roster with(Roster roster, UserId user, RosterEntry entry) {
    Map<UserId, RosterEntry> entries = new LinkedHashMap<>(roster.entries());
    entries.put(user, entry);
    return new Roster(entries, roster.banned());
  }
}
