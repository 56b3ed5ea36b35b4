package dev.cowatch.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import org.junit.jupiter.api.Test;

/** What the shared vectors (PeerModeVectorsTest, default seniority) do not cover. */
class PeerModeTest {
  private static final String FILM = "https://example.com/film.mp4";

  @Test
  void equalVersionsGoToTheDeciderTheGivenSeniorityPutsFirst() {
    PeerMode mode = new PeerMode((a, b) -> a.equals("m-z")); // e.g. m-z is the owner
    mode.lose(new Timeline(FILM, PlaybackState.PLAYING, 0, 1_000, 1.0, 7));
    Timeline byA = new Timeline(FILM, PlaybackState.PAUSED, 40_000, 41_000, 1.0, 8);
    Timeline byZ = new Timeline(FILM, PlaybackState.PAUSED, 1_000, 41_000, 1.0, 8);

    assertThat(mode.peerTimeline(byA, 7, "m-a")).isTrue();
    assertThat(mode.peerTimeline(byZ, 7, "m-z")).isTrue();
    assertThat(mode.peerTimeline(byA, 7, "m-a")).isFalse();
    assertThat(mode.timeline()).contains(byZ);
  }
}
