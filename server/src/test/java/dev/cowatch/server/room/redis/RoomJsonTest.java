package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Playback;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.QueueItem;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomJsonTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void anyRoom_comesBackEqual(long seed) {
    Room room = RandomRooms.room(new Random(seed), "room-" + seed);

    assertThat(RoomJson.read(RoomJson.write(room))).isEqualTo(room);
  }

  @Test
  void nullsAndUnicode_comeBackAsTheyWere() {
    Room room = Room.create(new RoomId("room-1"), RoomSettings.defaults("Кино \"night\" \uD83C\uDF7F", 0),
        Roster.ownedBy(new UserId("user-ann"), "Ann \\ \n", true, 5), null, 5);

    Room back = RoomJson.read(RoomJson.write(room));

    assertThat(back).isEqualTo(room);
    assertThat(back.timeline().mediaId()).isNull();
    assertThat(back.subtitleTrack()).isNull();
  }

  /** Written with health where the store keeps it in the room (one node's tests), read back with it. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8})
  void healthKeptApart_isTakenFromTheMembersEntries_andLeftOutOfTheRoom(long seed) {
    Room room = RandomRooms.room(new Random(seed), "room-" + seed);
    Map<String, String> health = new java.util.HashMap<>();
    for (Member m : room.members()) health.put(m.id().value(), MemberJson.health(m));

    String apart = RoomJson.write(room, false);

    assertThat(apart).doesNotContain("driftMs").doesNotContain("rttMs").doesNotContain("nudges");
    assertThat(RoomJson.read(apart, health)).isEqualTo(room);
  }

  /** A member's sound delay goes with its health: a fifth figure where there is one, four as before where not. */
  @Test
  void aSoundDelay_isAFifthHealthFigure_andFourFiguresReadAsNone() {
    Member m = RandomRooms.room(new Random(4), "room-4").members().getFirst();
    Member delayed = new Member(m.id(), m.userId(), m.displayName(), m.role(), m.connection(), m.readiness(),
        m.joinedAtMs(), m.disconnectedAtMs(), 3.5, 40.0, m.client(), m.corrections(), 180);

    assertThat(MemberJson.health(delayed))
        .isEqualTo("3.5 40.0 " + m.corrections().nudges() + " " + m.corrections().seeks() + " 180");
    assertThat(MemberJson.withHealth(MemberJson.withoutHealth(delayed), MemberJson.health(delayed))).isEqualTo(delayed);
    assertThat(MemberJson.withHealth(delayed, "1.0 2.0 0 0").soundDelayMs()).isZero();
    assertThatThrownBy(() -> MemberJson.withHealth(delayed, "1.0 2.0 0")).isInstanceOf(IllegalStateException.class);
  }

  /** Fields are read by name: another order and a field this build does not know change nothing. */
  @Test
  void fieldsInAnotherOrder_andUnknownOnes_readTheSame() {
    String json = """
        {"revision": 7, "members": [{"seeks": 2, "id": "m-1", "userId": "user-1", "displayName": "Ann", "role": "OWNER",
          "connection": "CONNECTED", "readiness": "READY", "joinedAtMs": 5, "disconnectedAtMs": 0, "driftMs": 3,
          "future": {"nested": [1, 2]}}],
         "queue": [], "waitDeadlineMs": 0, "subtitleTrack": null,
         "timeline": {"version": 2, "rate": 1.0, "anchorTimeMs": 10, "anchorPositionMs": 0, "state": "PAUSED",
           "mediaId": null},
         "roster": {"banned": ["user-9"], "entries": [{"user": "user-1", "role": "OWNER", "displayName": "Ann",
           "guest": false, "sinceMs": 5}]},
         "settings": {"maxMembers": 10, "name": "Film", "visibility": "PRIVATE", "passwordProtected": false,
           "guestsAllowed": true, "controlMode": "EVERYONE", "bufferingPolicy": "WAIT_FOR_ALL",
           "bufferWaitTimeoutMs": 0},
         "id": "room-1", "addedLater": "ignored"}""";

    Room room = RoomJson.read(json);

    assertThat(room.id().value()).isEqualTo("room-1");
    assertThat(room.revision()).isEqualTo(7);
    assertThat(room.members().getFirst().driftMs()).isEqualTo(3.0);
    assertThat(room.members().getFirst().corrections().seeks()).isEqualTo(2);
    assertThat(room.roster().banned()).containsExactly(new UserId("user-9"));
    assertThat(RoomJson.read(RoomJson.write(room))).isEqualTo(room);
  }

  @Test
  void somethingThatIsNotARoom_isRefusedWithAClearError() {
    assertThatThrownBy(() -> RoomJson.read("[1, 2]")).hasMessageContaining("could not be read");
    assertThatThrownBy(() -> RoomJson.read("{\"revision\": 1}")).hasMessageContaining("has no id");
  }

  /** Rooms with every field varied: the values a running room can hold. */
  static final class RandomRooms {
    private RandomRooms() {}

    static Room room(Random random, String id) {
      Map<UserId, RosterEntry> entries = new LinkedHashMap<>();
      entries.put(new UserId("user-owner"), new RosterEntry(Role.OWNER, "Owner", false, random.nextLong(1, 1L << 41)));
      int people = random.nextInt(6);
      for (int i = 0; i < people; i++) {
        entries.put(new UserId("user-" + i), new RosterEntry(Role.values()[1 + random.nextInt(3)], "Person " + i,
            random.nextBoolean(), random.nextLong(1, 1L << 41)));
      }
      Set<UserId> banned = new LinkedHashSet<>();
      for (int i = random.nextInt(3); i > 0; i--) banned.add(new UserId("banned-" + i));
      List<Member> members = new ArrayList<>();
      for (int i = random.nextInt(5); i > 0; i--) {
        members.add(new Member(new MemberId("m-" + i), new UserId("user-" + i), "Member " + i, Role.values()[1 + random.nextInt(3)],
            random.nextBoolean() ? Connection.CONNECTED : Connection.DISCONNECTED,
            Readiness.values()[random.nextInt(Readiness.values().length)], random.nextLong(1, 1L << 41),
            random.nextBoolean() ? 0 : random.nextLong(1, 1L << 41), random.nextBoolean() ? null : random.nextGaussian() * 30,
            random.nextBoolean() ? null : random.nextDouble() * 200, random.nextBoolean() ? null : "syncplay",
            random.nextBoolean() ? Corrections.NONE : new Corrections(random.nextInt(500), random.nextInt(20)),
            random.nextBoolean() ? 0 : random.nextInt(-500, 1_001)));
      }
      List<QueueItem> queue = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        queue.add(new QueueItem("q" + i, "media-" + random.nextInt(1000), random.nextBoolean() ? null : "Episode " + i));
      }
      long wait = random.nextInt(3) * 2_500L;
      RoomSettings settings = new RoomSettings("Room " + id, Visibility.values()[random.nextInt(3)], random.nextBoolean(),
          random.nextBoolean(), ControlMode.values()[random.nextInt(2)], BufferingPolicy.values()[random.nextInt(2)], wait,
          1 + random.nextInt(RoomSettings.MAX_MEMBERS_LIMIT));
      Timeline timeline = new Timeline(random.nextBoolean() ? null : "media-" + random.nextInt(100),
          PlaybackState.values()[random.nextInt(3)], random.nextLong(0, 10_000_000), random.nextLong(1, 1L << 41),
          0.25 + random.nextInt(16) * 0.25, random.nextLong(0, 1_000_000));
      Playback playback = new Playback(timeline, random.nextBoolean() ? null : "track-" + random.nextInt(9),
          random.nextBoolean() ? 0 : random.nextLong(1, 1L << 41));
      return new Room(new RoomId(id), settings, new Roster(entries, banned), playback, queue, members,
          random.nextLong(0, 1_000_000));
    }
  }
}
