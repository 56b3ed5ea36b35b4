package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Playback;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
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
        RoomJson.write(room.withSettings(room.settings().withName("Not what was written")), false));
  }

  private static Room next(Room r, String name) {
    return r.withSettings(r.settings().withName(name)).withRevision(r.revision() + 1);
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
    Room again = room.withSettings(room.settings().withName("Again"));

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

  /** The room as its JSON in Redis holds it: without its members' health (kept apart). */
  private static Room asStored(Room room) {
    return RoomJson.read(RoomJson.write(room, false));
  }

  /** A seeded room made by node A, then played there: its playback written alone. */
  private Room playedOnNodeA(long seed) {
    Random random = new Random(seed);
    Room room = asStored(RandomRooms.room(random, "room-" + seed));
    storeA.create(room);
    Room played = moved(room, random);
    assertThat(storeA.replacePlayback(room.revision(), played)).isTrue();
    return played;
  }

  /** {@code r} with another playback (as a play, pause or seek leaves it) and the next revision; the rest the same objects. */
  private static Room moved(Room r, Random random) {
    Timeline t = r.timeline();
    PlaybackState state = PlaybackState.values()[random.nextInt(PlaybackState.values().length)];
    return r.withPlayback(new Playback(new Timeline(t.mediaId(), state, random.nextLong(0, 7_200_000),
        random.nextLong(1, 1L << 41), random.nextBoolean() ? 1.0 : 1.25, t.version() + 1),
        random.nextBoolean() ? null : "track-" + random.nextInt(9),
        state == PlaybackState.WAITING ? random.nextLong(1, 1L << 41) : 0)).withRevision(r.revision() + 1);
  }

  /**
   * Playback changes written alone, by either node in turn, each after reading the room as a decision does: every read,
   * by either node or by one that knows nothing, and by the background passes' batch, is the room as last decided.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void playbackWrittenAlone_readsAsTheWholeRoomWould_onEveryNode(long seed) {
    Random random = new Random(seed);
    Room room = RandomRooms.room(random, "room-" + seed);
    assertThat(storeA.create(room)).isTrue();
    for (int turn = 0; turn < 6; turn++) {
      RedisRoomStore decider = random.nextBoolean() ? storeA : storeB;
      RedisRoomStore other = decider == storeA ? storeB : storeA;
      Room before = decider.get(room.id()).orElseThrow();
      Room after = moved(before, random);

      assertThat(decider.replacePlayback(before.revision(), after)).isTrue();

      Room again = decider.get(room.id()).orElseThrow();
      assertThat(again).isEqualTo(after);
      // The deciding node's next read keeps its members as they were: none copied, no health merged again.
      assertThat(again.members()).isSameAs(before.members());
      assertThat(other.get(room.id())).contains(after);
      assertThat(freshRead(room.id())).isEqualTo(after);
      assertThat(storeB.all()).containsExactly(after);
      room = after;
    }
  }

  /** The node that knew the room reads the playback alone: the rest it knows stands, though Redis's JSON was swapped. */
  @Test
  void aPlaybackChange_isReadWithoutTheRest() {
    Random random = new Random(29);
    Room room = asStored(RandomRooms.room(random, "room-29"));
    storeA.create(room);
    assertThat(storeB.get(room.id())).contains(room);
    tamper(room);

    Room played = moved(room, random);
    assertThat(storeA.replacePlayback(room.revision(), played)).isTrue();

    Room read = storeB.get(room.id()).orElseThrow();
    assertThat(read.settings().name()).as("the rest as known").isEqualTo(room.settings().name());
    assertThat(read.timeline()).isEqualTo(played.timeline());
    assertThat(read.revision()).isEqualTo(played.revision());
    assertThat(freshRead(room.id()).settings().name()).isEqualTo("Not what was written");
    assertThat(freshRead(room.id()).timeline()).isEqualTo(played.timeline());
  }

  /** A playback change refused: the revision moved on another node; nothing written, the room read anew after. */
  @Test
  void aPlaybackChangeOnAnOldRevision_isRefused() {
    Random random = new Random(31);
    Room room = asStored(RandomRooms.room(random, "room-31"));
    storeA.create(room);
    Room theirs = next(room, "Theirs");
    assertThat(storeB.replace(room.revision(), theirs)).isTrue();

    assertThat(storeA.replacePlayback(room.revision(), moved(room, random))).isFalse();

    assertThat(storeA.get(room.id())).contains(theirs);
    assertThat(freshRead(room.id())).isEqualTo(theirs);
  }

  /**
   * A room made again under the same revision by another node has another rest: the playback change of a node that
   * knew the old one is written whole, so no read pairs the old rest with the new playback.
   */
  @Test
  void aPlaybackChangeOnARoomMadeAgain_isWrittenWhole() {
    Random random = new Random(37);
    Room room = asStored(RandomRooms.room(random, "room-37"));
    storeA.create(room);
    storeB.remove(room.id(), room.revision());
    storeB.create(next(room, "Again"));
    Room again = storeB.get(room.id()).orElseThrow();
    Room mine = moved(next(room, room.settings().name()), random);

    assertThat(storeA.replacePlayback(again.revision(), mine)).isTrue();

    assertThat(freshRead(room.id())).isEqualTo(mine);
    assertThat(storeB.get(room.id())).contains(mine);
  }

  /** An older build's write after a playback change moves the revision alone: its JSON is read, the playback not. */
  @Test
  void anOlderBuildsWrite_afterAPlaybackChange_isReadWhole() {
    Room played = playedOnNodeA(41);
    Room room = played;
    assertThat(storeB.get(room.id())).contains(played);
    Room older = next(played, "From an older build");

    nodeB.sync().hset(nodeB.key("room:" + room.id().value()), java.util.Map.of("rev", Long.toString(older.revision()),
        "state", RoomJson.write(older, false)));

    assertThat(storeA.get(room.id())).contains(older);
    assertThat(storeB.get(room.id())).contains(older);
  }

  /** A whole write after playback changes is the room: the playback written before it is dropped. */
  @Test
  void aWholeWrite_afterPlaybackChanges_dropsThem() {
    Room played = playedOnNodeA(43);
    Room room = played;
    Room renamed = next(played, "Renamed");

    assertThat(storeB.replace(played.revision(), renamed)).isTrue();

    assertThat(nodeA.sync().hmget(nodeA.key("room:" + room.id().value()), "play", "playrev", "playby"))
        .allMatch(kv -> !kv.hasValue());
    assertThat(storeA.get(room.id())).contains(renamed);
    assertThat(freshRead(room.id())).isEqualTo(renamed);
  }
}
