package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.redis.RoomJsonTest.RandomRooms;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnownRoomsTest {

  /** A room of {@code members} members or more (the random rooms have 0 to 4: drawn until one fits). */
  private static Room roomWith(int members, String id) {
    for (long seed = 1; ; seed++) {
      Room r = RandomRooms.room(new Random(seed), id);
      if (r.members().size() == members) return r;
    }
  }

  @Test
  void theKnownRooms_holdNoMoreMembersThanTheBound_theLeastRecentlyUsedGoingFirst() {
    KnownRooms known = new KnownRooms(12);
    Room a = roomWith(3, "room-a");
    Room b = roomWith(3, "room-b");
    Room c = roomWith(3, "room-c");
    known.put("s-a", a);
    known.put("s-b", b);
    known.put("s-c", c);
    assertThat(known.weight()).isEqualTo(12);
    assertThat(known.with(a.id(), "s-a", Map.of())).as("a used: b is now the eldest").isNotNull();

    known.put("s-d", roomWith(2, "room-d"));

    assertThat(known.stampOf(b.id())).isNull();
    assertThat(known.stampOf(a.id())).isNotNull();
    assertThat(known.weight()).isLessThanOrEqualTo(12);
  }

  @Test
  void aRoomLargerThanTheBound_isNotKept() {
    KnownRooms known = new KnownRooms(3);

    known.put("s", roomWith(4, "room-big"));

    assertThat(known.stampOf(new RoomId("room-big"))).isNull();
    assertThat(known.weight()).isZero();
  }

  @Test
  void anotherStamp_isNotTheKnownRoom() {
    KnownRooms known = new KnownRooms();
    Room a = roomWith(2, "room-a");
    known.put("s-1", a);

    assertThat(known.with(a.id(), "s-2", Map.of())).isNull();
    assertThat(known.stampOf(a.id())).isEqualTo(new KnownRooms.Stamp("s-1", a.revision()));
  }

  @Test
  void healthAsBefore_givesTheSameRoom_andAMemberWhoseFiguresDidNotChangeKeepsItsObject() {
    KnownRooms known = new KnownRooms();
    Room a = roomWith(3, "room-a");
    known.put("s", a);
    Map<String, String> health = new HashMap<>();
    for (Member m : a.members()) health.put(m.id().value(), "1.5 20.0 0 0");
    Room first = known.with(a.id(), "s", health);

    assertThat(known.with(a.id(), "s", Map.copyOf(health))).isSameAs(first);

    health.put(a.members().getFirst().id().value(), "3.0 20.0 1 0");
    Room second = known.with(a.id(), "s", health);
    assertThat(second.members().get(0).driftMs()).isEqualTo(3.0);
    assertThat(second.members().get(1)).isSameAs(first.members().get(1));
    assertThat(second.members().get(2)).isSameAs(first.members().get(2));
  }

  /** Figures the room was written with are not its health: that is the health hash's alone. */
  @Test
  void aRoomKeptWithoutItsMembersFigures_asItsJsonHasThem() {
    KnownRooms known = new KnownRooms();
    Room a = roomWith(4, "room-a");
    known.put("s", a);

    assertThat(known.with(a.id(), "s", Map.of())).isEqualTo(RoomJson.read(RoomJson.write(a, false)));
  }
}
