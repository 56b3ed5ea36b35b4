package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A film from a server that ignores byte ranges cannot be sought: the room page says so beside the player, where the
 * viewer would otherwise see it start from the beginning at every pause and seek without a word. A film that can be
 * sought says nothing.
 */
class UnseekableVideoBrowserTest {
  @Test
  void aFilmWithoutByteRanges_isSaidToBeUnseekable_andAFilmWithThemIsNot() throws Exception {
    try (E2eStack stack = E2eStack.start()) {
      String whole = stack.createRoom("{\"name\":\"Whole\",\"mediaId\":\"" + stack.media().wholeUrl(E2eStack.VIDEO) + "\"}");
      String ranged = stack.createRoom("{\"name\":\"Ranged\",\"mediaId\":\"" + stack.videoUrl() + "\"}");
      try (RoomSession wholeRoom = new RoomSession(stack, whole); RoomSession rangedRoom = new RoomSession(stack, ranged)) {
        RoomPage ann = wholeRoom.join("Ann");
        RoomPage bob = rangedRoom.join("Bob");

        ann.awaitText("#not-seekable", "does not let the player jump", 10_000);
        assertThat(ann.page().locator("#not-seekable").isVisible()).isTrue();
        // Bob's film has its metadata (join waits for it): judged, and nothing to say.
        assertThat(bob.page().locator("#not-seekable").isVisible()).isFalse();
        assertThat(ann.problems()).as("Ann's console").isEmpty();
        assertThat(bob.problems()).as("Bob's console").isEmpty();
      }
    }
  }
}
