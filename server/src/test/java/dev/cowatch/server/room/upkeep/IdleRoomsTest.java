package dev.cowatch.server.room.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When an empty room may leave memory: a minute after it emptied, ten after it was made if nobody came. */
class IdleRoomsTest {
  private static final long T0 = 1_767_225_600_000L;
  private final IdleRooms idle = new IdleRooms();
  private final Room made = Room.create(new RoomId("room1"), RoomSettings.defaults("Film night", 5_000),
      Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), "film.mp4", T0);

  @Test
  void aRoomNobodyHasJoined_waitsTenMinutes() {
    idle.changed(made, T0);

    assertThat(idle.idle(made.id(), T0 + IdleRooms.EVICTION_MS)).as("a minute after it was made").isFalse();
    assertThat(idle.idle(made.id(), T0 + IdleRooms.UNTOUCHED_EVICTION_MS - 1)).isFalse();
    assertThat(idle.idle(made.id(), T0 + IdleRooms.UNTOUCHED_EVICTION_MS)).isTrue();
  }

  @Test
  void aRoomThatEmptied_leavesAfterAMinute() {
    RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
    MemberId bob = new MemberId("m-bob");
    Room joined = decider.decide(made, bob, new Intent.Join("Bob", new UserId("a-bob"), true), T0).room();
    idle.changed(joined, T0);
    assertThat(idle.empty()).isEmpty();
    Room left = decider.decide(joined, bob, new Intent.Leave(), T0 + 5_000).room();
    idle.changed(left, T0 + 5_000);

    assertThat(idle.idle(made.id(), T0 + 5_000 + IdleRooms.EVICTION_MS - 1)).isFalse();
    assertThat(idle.idle(made.id(), T0 + 5_000 + IdleRooms.EVICTION_MS)).isTrue();
  }

  @Test
  void roomsNoLongerSeenEmpty_areForgotten() {
    idle.changed(made, T0);
    idle.keepOnly(Set.of());

    assertThat(idle.empty()).isEmpty();
    assertThat(idle.idle(made.id(), T0 + IdleRooms.UNTOUCHED_EVICTION_MS)).isFalse();
  }
}
