package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.redis.RoomJsonTest.RandomRooms;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node reads a room it wrote last without its JSON ({@link KnownRooms}), and never a room that changed since: checked
 * against what a node that knows nothing reads, with the machine's Redis.
 */
class RoomsKnownByStampTest {
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

  /** What a node that has never seen the room reads: its JSON and its health, parsed. */
  private Room freshRead(RoomId id) {
    return new RedisRoomStore(nodeB, "node-fresh").get(id).orElseThrow();
  }

  /** Puts other JSON under the room's key, leaving its revision and stamp: a read that fetched the JSON would show it. */
  private void tamper(Room room) {
    nodeA.sync().hset(nodeA.key("room:" + room.id().value()), "state",
        RoomJson.write(new Room(room.id(), room.settings().withName("Not what was written"), room.roster(),
            room.timeline(), room.subtitleTrack(), room.queue(), room.members(), room.waitDeadlineMs(),
            room.revision()), false));
  }

  private static Room next(Room r, String name) {
    return new Room(r.id(), r.settings().withName(name), r.roster(), r.timeline(), r.subtitleTrack(), r.queue(),
        r.members(), r.waitDeadlineMs(), r.revision() + 1);
  }

  /** Any room, its members' health reported on another node, reads the same from the known copy as from Redis. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void aRoomThisNodeWrote_readsAsAFreshReadWould_healthAndAll(long seed) {
    Random random = new Random(seed);
    Room room = RandomRooms.room(random, "room-" + seed);
    assertThat(storeA.create(room)).isTrue();
    Room changed = next(room, "Changed");
    assertThat(storeA.replace(room.revision(), changed)).isTrue();

    assertThat(storeA.get(room.id())).contains(freshRead(room.id()));
    for (Member m : room.members()) {
      if (random.nextBoolean()) storeB.saveHealth(room.id(), m);
      assertThat(storeA.get(room.id())).as("after %s's report", m.id()).contains(freshRead(room.id()));
    }
    storeB.forgetHealth(room.id(), room.members().stream().map(Member::id).toList());
    assertThat(storeA.get(room.id())).contains(freshRead(room.id()));
  }

  @Test
  void aRoomThisNodeWroteLast_isNotFetchedAgain() {
    Room room = RandomRooms.room(new Random(7), "room-7");
    storeA.create(room);
    Room mine = next(room, "Mine");
    storeA.replace(room.revision(), mine);

    tamper(mine);

    assertThat(storeA.get(room.id()).orElseThrow().settings().name()).as("the known copy").isEqualTo("Mine");
    assertThat(freshRead(room.id()).settings().name()).as("what Redis holds").isEqualTo("Not what was written");
  }

  @Test
  void aRoomThisNodeRead_isNotFetchedAgainEither_untilItChanges() {
    Room room = RandomRooms.room(new Random(9), "room-9");
    storeB.create(room);
    Room read = storeA.get(room.id()).orElseThrow();
    assertThat(read).isEqualTo(freshRead(room.id()));

    tamper(room);
    assertThat(storeA.get(room.id())).contains(read);

    Room theirs = next(room, "Theirs");
    assertThat(storeB.replace(room.revision(), theirs)).isTrue();
    assertThat(storeA.get(room.id()).orElseThrow().settings().name()).isEqualTo("Theirs");
  }

  @Test
  void anotherNodesChange_isRead() {
    Room room = RandomRooms.room(new Random(11), "room-11");
    storeA.create(room);
    Room theirs = next(room, "Theirs");

    assertThat(storeB.replace(room.revision(), theirs)).isTrue();

    assertThat(storeA.get(room.id())).contains(freshRead(room.id()));
    assertThat(storeA.get(room.id()).orElseThrow().settings().name()).isEqualTo("Theirs");
  }

  /**
   * A room removed and made again by another node with the same revision (back from a checkpoint, say) is another
   * write: its stamp differs, and it is read.
   */
  @Test
  void aRoomMadeAgainWithTheSameRevision_isRead() {
    Room room = RandomRooms.room(new Random(13), "room-13");
    storeA.create(room);
    assertThat(storeB.remove(room.id(), room.revision())).isTrue();
    Room again = new Room(room.id(), room.settings().withName("Again"), room.roster(), room.timeline(),
        room.subtitleTrack(), room.queue(), room.members(), room.waitDeadlineMs(), room.revision());

    assertThat(storeB.create(again)).isTrue();

    assertThat(storeA.get(room.id()).orElseThrow().settings().name()).isEqualTo("Again");
  }

  /** A node of an older build writes no stamp: the revision it moves on still makes the known copy stale. */
  @Test
  void aChangeThatLeftTheStampAsItWas_isReadByItsRevision() {
    Room room = RandomRooms.room(new Random(17), "room-17");
    storeA.create(room);
    Room older = next(room, "From an older build");

    nodeB.sync().hset(nodeB.key("room:" + room.id().value()), java.util.Map.of("rev", Long.toString(older.revision()),
        "state", RoomJson.write(older, false)));

    assertThat(storeA.get(room.id()).orElseThrow().settings().name()).isEqualTo("From an older build");
  }

  @Test
  void aRoomGone_isGone_andForgotten() {
    Room room = RandomRooms.room(new Random(19), "room-19");
    storeA.create(room);
    storeB.remove(room.id(), room.revision());

    assertThat(storeA.get(room.id())).isEmpty();
    assertThat(storeA.knownMembers()).isZero();
  }

  /** A swap another node won leaves this node knowing nothing of the room: its next read is whole. */
  @Test
  void aSwapLost_forgetsTheRoom() {
    Room room = RandomRooms.room(new Random(23), "room-23");
    storeA.create(room);
    assertThat(storeB.replace(room.revision(), next(room, "Theirs"))).isTrue();

    assertThat(storeA.replace(room.revision(), next(room, "Mine"))).isFalse();

    assertThat(storeA.knownMembers()).isZero();
    assertThat(storeA.get(room.id()).orElseThrow().settings().name()).isEqualTo("Theirs");
  }
}
