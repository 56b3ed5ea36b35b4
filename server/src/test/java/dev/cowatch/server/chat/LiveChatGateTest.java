package dev.cowatch.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveChatGateTest {
  private static final RoomId ROOM = new RoomId("premiere");
  private static final RoomId OTHER = new RoomId("couch");

  private static int passed(LiveChatGate g, RoomId room, int lines, long fromMs, long everyMs) {
    int n = 0;
    for (int i = 0; i < lines; i++) if (g.pass(room, fromMs + i * everyMs)) n++;
    return n;
  }

  @Test
  void aBurstPasses_thenTheRate_andTheRestIsCountedPerRoom() {
    LiveChatGate g = new LiveChatGate();
    assertThat(passed(g, ROOM, 100, 0, 0)).as("100 lines at once: the burst").isEqualTo((int) LiveChatGate.BURST);
    // 500 lines over the next 10 s (one every 20 ms): the rate's 10 a second pass.
    assertThat(passed(g, ROOM, 500, 20, 20)).isBetween(99, 101);
    assertThat(passed(g, OTHER, 5, 0, 0)).as("another room has its own").isEqualTo(5);
    Map<RoomId, Integer> skipped = g.drain(10_020);
    assertThat(skipped.get(ROOM)).isBetween(479, 481);
    assertThat(skipped).doesNotContainKey(OTHER);
    assertThat(g.drain(10_020)).as("counted once").isEmpty();
  }

  @Test
  void aQuietRoom_isForgotten_andStartsWithAWholeBurstAgain() {
    LiveChatGate g = new LiveChatGate();
    passed(g, ROOM, 30, 0, 0);
    g.drain(60_000);
    assertThat(passed(g, ROOM, 30, 60_000, 0)).isEqualTo((int) LiveChatGate.BURST);
  }

  @Test
  void pastItsRooms_linesPassUngated_neverDropped() {
    LiveChatGate g = new LiveChatGate();
    for (int i = 0; i < LiveChatGate.MAX_ROOMS; i++) g.pass(new RoomId("room" + i), 0);
    assertThat(passed(g, new RoomId("one-more"), 100, 0, 0)).isEqualTo(100);
  }
}
