package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Playback;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.live.RoomStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Redis room store against the machine's Redis, with two connections standing for two nodes. */
class RedisRoomStoreTest {
  private final String prefix = TestRedis.freshPrefix();
  private final Redis nodeA = TestRedis.node(prefix);
  private final Redis nodeB = TestRedis.node(prefix);
  private final RedisRoomStore storeA = new RedisRoomStore(nodeA, "node-a");
  private final RedisRoomStore storeB = new RedisRoomStore(nodeB, "node-b");

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    TestRedis.clean(prefix);
  }

  private static Room room(String id) {
    return Room.create(new RoomId(id), RoomSettings.defaults("Film night", 5_000),
        Roster.ownedBy(new UserId("user-ann"), "Ann", false, 1_000), "film.mp4", 1_000);
  }

  /**
   * A swap whose answer comes after this node's bound (here 200 ms, queued on its connection behind a 300 ms blocking
   * pop: only this client waits, not Redis, which other test processes share) was still made by Redis: the store says
   * so, rather than a refusal for a change that stands (a join then refused, its member left in the room).
   */
  @Test
  void aSwapWhoseAnswerCameTooLate_isKnownToHaveBeenMade() {
    Room first = room("late1");
    assertThat(storeA.create(first)).isTrue();
    Room next = counted(first);
    try (Redis impatient = Redis.connect(TestRedis.URL, prefix, java.time.Duration.ofMillis(200))) {
      RedisRoomStore store = new RedisRoomStore(impatient, "node-impatient");
      Room warm = room("late2");
      assertThat(storeA.create(warm)).isTrue();
      assertThat(store.replace(warm.revision(), counted(warm))).as("the script known to this client").isTrue();
      impatient.async().blpop(0.3, impatient.key("nothing-comes"));

      assertThat(store.replace(first.revision(), next)).isTrue();
    }
    assertThat(storeA.get(next.id()).orElseThrow().revision()).isEqualTo(next.revision());
    assertThat(storeA.replace(first.revision(), counted(next))).as("the old revision is gone").isFalse();
  }

  /** The same room one revision on, with {@code waitDeadlineMs} as a counter of the changes made. */
  private static Room counted(Room r) {
    return r.withPlayback(new Playback(r.timeline(), r.subtitleTrack(), r.waitDeadlineMs() + 1))
        .withRevision(r.revision() + 1);
  }

  @Test
  void aRoomCreatedOnOneNode_isSeenWhole_onTheOther() {
    Room room = room("room-1");

    assertThat(storeA.create(room)).isTrue();

    assertThat(storeB.get(room.id())).contains(room);
    assertThat(storeB.count()).isEqualTo(1);
    assertThat(storeB.all()).containsExactly(room);
  }

  @Test
  void anIdTaken_isNotCreatedTwice() {
    assertThat(storeA.create(room("room-1"))).isTrue();

    assertThat(storeB.create(room("room-1"))).isFalse();
    assertThat(storeA.count()).isEqualTo(1);
  }

  @Test
  void ofTwoNodesReplacingTheSameRevision_exactlyOneWins() {
    Room room = room("room-1");
    storeA.create(room);
    Room fromA = counted(room);
    Room fromB = room.withSettings(room.settings().withName("B's name"))
        .withPlayback(new Playback(room.timeline(), room.subtitleTrack(), 0)).withRevision(room.revision() + 1);

    assertThat(storeA.replace(room.revision(), fromA)).isTrue();
    assertThat(storeB.replace(room.revision(), fromB)).isFalse();

    assertThat(storeB.get(room.id())).contains(fromA);
  }

  /** Ann's room with Ben in it, his figures unknown (as the room's JSON always has them in Redis). */
  private static Room withBen(Room r) {
    Member ben = new Member(new MemberId("m-ben"), new UserId("user-ben"), "Ben", Role.MEMBER, Connection.CONNECTED,
        Readiness.READY, 2_000, 0, null, null);
    return r.withMembers(List.of(ben)).withRevision(r.revision() + 1);
  }

  private static Member reported(Member m, double drift, double rtt, long nudges) {
    return new Member(m.id(), m.userId(), m.displayName(), m.role(), m.connection(), m.readiness(), m.joinedAtMs(),
        m.disconnectedAtMs(), drift, rtt, m.client(), new Corrections(nudges, 0));
  }

  /** Ann's room, stored with Ben in it, his first report stored on node A. */
  private Room storedWithBenReported() {
    Room room = withBen(room("room-1"));
    storeA.create(room);
    storeA.saveHealth(room.id(), reported(room.members().getFirst(), 12.5, 40, 3));
    return room;
  }

  @Test
  void aMembersHealth_isKeptApart_soAnotherNodesChangeOfTheRoomDoesNotUndoIt() {
    Room room = storedWithBenReported();
    // Node B decided on the room as it read it before the report: its copy of Ben has no figures.
    assertThat(storeB.replace(room.revision(), counted(room))).isTrue();

    Member seen = storeB.get(room.id()).orElseThrow().members().getFirst();
    assertThat(seen.driftMs()).isEqualTo(12.5);
    assertThat(seen.rttMs()).isEqualTo(40.0);
    assertThat(seen.corrections()).isEqualTo(new Corrections(3, 0));
    assertThat(storeB.get(room.id()).orElseThrow().waitDeadlineMs()).as("B's change stands too").isEqualTo(1);
  }

  @Test
  void forgottenHealth_isUnknownAgain_andARemovedRoomTakesItsHealthAlong() {
    Room room = storedWithBenReported();
    Member ben = room.members().getFirst();

    storeB.forgetHealth(room.id(), List.of(ben.id()));
    assertThat(storeA.get(room.id()).orElseThrow()).isEqualTo(room);

    storeA.saveHealth(room.id(), reported(ben, 7, 30, 0));
    assertThat(storeA.remove(room.id(), room.revision())).isTrue();
    storeA.saveHealth(room.id(), reported(ben, 8, 30, 0));
    assertThat(nodeA.sync().exists(prefix + "room-health:room-1")).as("a report after the room left stores nothing")
        .isZero();
  }

  @Test
  void theRoomsNeedingUpkeep_areThoseEmptyOrNotPaused_keptAsTheyChange() {
    Room empty = room("room-1");
    storeA.create(empty);
    Room paused = withBen(empty);
    storeA.create(withBen(room("room-2")));
    assertThat(storeB.needingUpkeep()).extracting(Room::id).containsExactly(empty.id());

    storeA.replace(empty.revision(), paused);
    assertThat(storeB.needingUpkeep()).as("a paused room with someone in it needs nothing").isEmpty();

    Room playing = paused.withPlayback(new Playback(new Timeline("film.mp4", PlaybackState.PLAYING, 0, 5_000, 1.0, 1),
        paused.subtitleTrack(), 0)).withRevision(paused.revision() + 1);
    storeB.replace(paused.revision(), playing);
    assertThat(storeA.needingUpkeep()).containsExactly(playing);
    assertThat(storeA.all()).hasSize(2);

    storeA.remove(playing.id(), playing.revision());
    assertThat(storeB.needingUpkeep()).isEmpty();
  }

  /** A pass over every room a share at a time reads each room once, whichever node reads which share. */
  @Test
  void theSharesOfTheRooms_holdEveryRoomOnce() {
    List<Room> rooms = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rooms.add(room("share-room-" + i));
      storeA.create(rooms.getLast());
    }
    List<Room> seen = new ArrayList<>();
    for (int share = 0; share < 7; share++) {
      Collection<Room> part = (share % 2 == 0 ? storeA : storeB).share(share, 7);
      int index = share;
      assertThat(part).allMatch(r -> RoomStore.shareOf(r.id(), 7) == index);
      seen.addAll(part);
    }

    assertThat(seen).containsExactlyInAnyOrderElementsOf(rooms);
    var inMemory = new dev.cowatch.server.room.live.InMemoryRoomStore();
    rooms.forEach(inMemory::create);
    assertThat(storeA.share(3, 7)).as("the in-memory store's rule").containsExactlyInAnyOrderElementsOf(inMemory.share(3, 7));
  }

  @Test
  void aReplacementThatDoesNotMoveTheRevision_isABug() {
    Room room = room("room-1");
    storeA.create(room);

    assertThatThrownBy(() -> storeA.replace(room.revision(), room)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void removal_isAlsoConditional_andForgetsTheRoom() {
    Room room = room("room-1");
    storeA.create(room);
    storeA.replace(room.revision(), counted(room));

    assertThat(storeB.remove(room.id(), room.revision())).as("a stale revision").isFalse();
    assertThat(storeB.remove(room.id(), room.revision() + 1)).isTrue();

    assertThat(storeA.get(room.id())).isEmpty();
    assertThat(storeA.count()).isZero();
    assertThat(storeA.replace(room.revision() + 1, counted(counted(room)))).as("gone").isFalse();
  }

  /**
   * Two nodes, three deciders each, every one reading the room, pausing for a seeded while (so reads
   * and writes interleave differently per seed) and writing one change with compare-and-set, again
   * after a lost race. Every change must be in the final room exactly once.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 1009, 65537})
  void concurrentDecidersOnTwoNodes_loseNoUpdate(long seed) throws Exception {
    Room room = room("room-1");
    storeA.create(room);
    int deciders = 6;
    int changesEach = 40;
    AtomicInteger lostRaces = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int d = 0; d < deciders; d++) {
      RedisRoomStore store = d % 2 == 0 ? storeA : storeB;
      Random random = new Random(seed * 31 + d);
      threads.add(Thread.ofPlatform().start(() -> {
        for (int c = 0; c < changesEach; c++) {
          while (true) {
            Room seen = store.get(room.id()).orElseThrow();
            pause(random);
            if (store.replace(seen.revision(), counted(seen))) break;
            lostRaces.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) t.join();

    Room last = storeA.get(room.id()).orElseThrow();
    assertThat(last.waitDeadlineMs()).isEqualTo((long) deciders * changesEach);
    assertThat(last.revision()).isEqualTo(room.revision() + (long) deciders * changesEach);
    assertThat(lostRaces.get()).as("the deciders did race").isPositive();
  }

  private static void pause(Random random) {
    int what = random.nextInt(4);
    if (what == 0) Thread.yield();
    if (what == 1) {
      try {
        Thread.sleep(0, random.nextInt(200_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aRedisThatDoesNotAnswer_failsAtOnce_sayingWhere() {
    assertThatThrownBy(() -> Redis.connect("redis://127.0.0.1:1", prefix))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Redis at 127.0.0.1:1 does not answer")
        .hasMessageContaining("--redis-url");
  }

  @Test
  void sentinelsThatDoNotAnswer_areNamedEachWithWhatWentWrong() {
    assertThatThrownBy(() -> Redis.connect("redis-sentinel://127.0.0.1:1,127.0.0.1:2#cowatch", prefix))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no sentinel answers: 127.0.0.1:1: ").hasMessageContaining("; 127.0.0.1:2: ")
        .hasMessageContaining("correct --redis-sentinel");
  }

  @Test
  void aUrlThatIsNotRedis_isRefusedClearly() {
    assertThatThrownBy(() -> Redis.connect("http://example", prefix)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--redis-url");
  }
}
