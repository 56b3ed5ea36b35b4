package dev.cowatch.bench.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The room's bookkeeping, fed States by hand (no sockets). */
class FanoutRoomTest {
  private final FanoutRoom room = new FanoutRoom(3);
  private final SyncplayConnection controller = member(0, "ctl");
  private final SyncplayConnection ann = member(1, "ann");
  private final SyncplayConnection bob = member(2, "bob");

  private static SyncplayConnection member(int index, String name) {
    SyncplayConnection m = new SyncplayConnection(index, name, "r");
    m.loggedInAs(name);
    return m;
  }

  private static ServerState periodic(boolean paused, String setBy) {
    return new ServerState(new PlayState(0, paused, false, setBy), 1.0, null, null, null);
  }

  @Test
  void everyoneIsIn_onceEachMemberHasHadTheRoomsState() throws InterruptedException {
    room.loggedIn(controller);
    room.state(controller, periodic(true, null), 1);
    room.state(ann, periodic(true, null), 2);
    assertThat(room.awaitEveryoneIn(0)).isFalse();
    assertThat(room.inCount()).isEqualTo(2);
    room.state(ann, periodic(true, null), 3);
    room.state(bob, periodic(true, null), 4);
    assertThat(room.awaitEveryoneIn(0)).isTrue();
  }

  @Test
  void aForcedStateToTheController_thatNoActionExplains_isAStrayChange() {
    room.loggedIn(controller);
    room.state(controller, periodic(false, "ann"), 1);
    assertThat(room.strayChanges()).isZero();
    room.state(controller, new ServerState(new PlayState(4, false, null, "ann"), 1.0, null, 1, null), 2);
    assertThat(room.strayChanges()).isEqualTo(1);
  }

  @Test
  void aDroppedMember_isCounted_withTheFirstReason() {
    room.closed(bob, "the server closed the connection");
    room.closed(ann, "later");
    assertThat(room.dropped()).isEqualTo(2);
    assertThat(room.firstDrop()).isEqualTo("bob: the server closed the connection");
  }
}
