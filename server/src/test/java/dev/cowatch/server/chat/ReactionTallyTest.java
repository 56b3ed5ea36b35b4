package dev.cowatch.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactionTallyTest {
  private static final RoomId A = new RoomId("room-a");
  private static final RoomId B = new RoomId("room-b");

  @Test
  void countsPerRoomAndEmoji_untilDrained() {
    ReactionTally t = new ReactionTally();
    for (int i = 0; i < 1_000; i++) t.add(A, "\uD83D\uDD25");
    t.add(A, "\uD83D\uDC4D");
    t.add(B, "\uD83D\uDC4D");
    Map<RoomId, Map<String, Integer>> first = t.drain();
    assertThat(first.get(A)).containsExactly(Map.entry("\uD83D\uDD25", 1_000), Map.entry("\uD83D\uDC4D", 1));
    assertThat(first.get(B)).containsExactly(Map.entry("\uD83D\uDC4D", 1));
    assertThat(t.drain()).as("each second starts again").isEmpty();
  }

  @Test
  void aFloodOfRooms_isDroppedPastItsBound_andCountedAgainAfterTheDrain() {
    ReactionTally t = new ReactionTally();
    for (int i = 0; i < ReactionTally.MAX_ROOMS; i++) assertThat(t.add(new RoomId("room" + i), "x")).isTrue();
    assertThat(t.add(new RoomId("one-more"), "x")).isFalse();
    assertThat(t.add(new RoomId("room0"), "y")).as("a room already counted goes on").isTrue();
    assertThat(t.drain()).hasSize(ReactionTally.MAX_ROOMS);
    assertThat(t.add(new RoomId("one-more"), "x")).isTrue();
  }
}
