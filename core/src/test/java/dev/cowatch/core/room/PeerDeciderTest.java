package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import org.junit.jupiter.api.Test;

/** What the shared vectors (PeerDeciderVectorsTest) do not cover: the lead from a round trip, and media changes. */
class PeerDeciderTest {
  private static final Timeline PAUSED =
      new Timeline("https://example.com/film.mp4", PlaybackState.PAUSED, 0, 0, 1.0, 1);

  private static long lead(double roundTripMs) {
    PeerDecision d = PeerDecider.decide(PAUSED, new Intent.Play(1), 1_000, roundTripMs, Tolerances.DEFAULTS);
    return ((PeerDecision.Changed) d).timeline().anchorTimeMs() - 1_000;
  }

  @Test
  void playsAreAnchoredThePeersLargestRoundTripAheadWithinTheServersBounds() {
    assertThat(new long[] {lead(40), lead(400), lead(9_000)}).containsExactly(150, 400, 1_500);
  }

  @Test
  void theMediaCannotChangeWithoutTheServer() {
    PeerDecision d = PeerDecider.decide(PAUSED, new Intent.SetMedia(1, "https://example.com/other.mp4"), 1_000, 0,
        Tolerances.DEFAULTS);
    assertThat(d).isEqualTo(new PeerDecision.Refused(ErrorCode.INVALID_ARGUMENT, "the media cannot change without the server"));
  }
}
