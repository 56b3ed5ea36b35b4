package dev.cowatch.core.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimelineTest {
  private static final long T0 = 1_700_000_000_000L;

  private static Timeline timeline(PlaybackState state, long positionMs, long anchorMs, double rate) {
    return new Timeline("film.mp4", state, positionMs, anchorMs, rate, 7);
  }

  @Test
  void positionAt_whilePaused_staysAtAnchor() {
    Timeline t = timeline(PlaybackState.PAUSED, 10_000, T0, 1.0);

    assertThat(t.positionAt(T0 - 5_000)).isEqualTo(10_000.0);
    assertThat(t.positionAt(T0)).isEqualTo(10_000.0);
    assertThat(t.positionAt(T0 + 60_000)).isEqualTo(10_000.0);
  }

  @Test
  void positionAt_whileWaiting_staysAtAnchor() {
    Timeline t = timeline(PlaybackState.WAITING, 10_000, T0, 1.0);

    assertThat(t.positionAt(T0 + 60_000)).isEqualTo(10_000.0);
  }

  @ParameterizedTest(name = "rate {0}: {1} ms after the anchor -> {2}")
  @CsvSource({
    "1.0,  2500, 12500",
    "1.5,  2500, 13750",
    "0.5,  2500, 11250",
    "2.0,  2500, 15000",
    "0.25, 4000, 11000",
    "4.0,  1000, 14000",
  })
  void positionAt_whilePlaying_advancesByElapsedTimesRate(double rate, long elapsedMs, double expected) {
    Timeline t = timeline(PlaybackState.PLAYING, 10_000, T0, rate);

    assertThat(t.positionAt(T0 + elapsedMs)).isEqualTo(expected);
  }

  @Test
  void positionAt_whilePlaying_isNotQuantizedToMilliseconds() {
    Timeline t = timeline(PlaybackState.PLAYING, 10_000, T0, 1.5);

    assertThat(t.positionAt(T0 + 0.5)).isEqualTo(10_000.75);
  }

  @Test
  void positionAt_scheduledInFuture_holdsAnchorUntilStartThenAdvances() {
    Timeline t = timeline(PlaybackState.PLAYING, 60_000, T0 + 400, 2.0);

    assertThat(t.positionAt(T0)).isEqualTo(60_000.0);
    assertThat(t.positionAt(T0 + 399)).isEqualTo(60_000.0);
    assertThat(t.positionAt(T0 + 400)).isEqualTo(60_000.0);
    assertThat(t.positionAt(T0 + 401)).isEqualTo(60_002.0);
    assertThat(t.positionAt(T0 + 1_400)).isEqualTo(62_000.0);
  }

  @Test
  void empty_isPausedAtStartWithoutMedia() {
    Timeline t = Timeline.empty(T0);

    assertThat(t.hasMedia()).isFalse();
    assertThat(t.state()).isEqualTo(PlaybackState.PAUSED);
    assertThat(t.positionAt(T0 + 1_000)).isZero();
    assertThat(t.rate()).isEqualTo(1.0);
    assertThat(t.version()).isZero();
  }

  @Test
  void withRate_whilePlaying_reanchorsAtNowWithCurrentPosition() {
    Timeline t = timeline(PlaybackState.PLAYING, 10_000, T0, 1.0);

    Timeline faster = t.withRate(2.0, T0 + 3_000);

    assertThat(faster).isEqualTo(new Timeline("film.mp4", PlaybackState.PLAYING, 13_000, T0 + 3_000, 2.0, 8));
    assertThat(faster.positionAt(T0 + 4_000)).isEqualTo(15_000.0);
  }

  @Test
  void withRate_beforeScheduledStart_keepsTheStart() {
    Timeline t = timeline(PlaybackState.PLAYING, 10_000, T0 + 400, 1.0);

    assertThat(t.withRate(0.5, T0)).isEqualTo(new Timeline("film.mp4", PlaybackState.PLAYING, 10_000, T0 + 400, 0.5, 8));
  }

  @Test
  void transitions_bumpVersionByOne() {
    Timeline t = timeline(PlaybackState.PLAYING, 10_000, T0, 1.0);

    assertThat(t.paused(10_500, T0 + 500).version()).isEqualTo(8);
    assertThat(t.waiting(10_500, T0 + 500).version()).isEqualTo(8);
    assertThat(t.playingFrom(10_500, T0 + 650).version()).isEqualTo(8);
    assertThat(t.movedTo(20_000, T0 + 500).version()).isEqualTo(8);
    assertThat(t.withMedia("other.mp4", T0 + 500).version()).isEqualTo(8);
  }

  @Test
  void withMedia_resetsToPausedStartAtNominalRate() {
    Timeline t = timeline(PlaybackState.PLAYING, 10_000, T0, 2.0);

    assertThat(t.withMedia("other.mp4", T0 + 500))
        .isEqualTo(new Timeline("other.mp4", PlaybackState.PAUSED, 0, T0 + 500, 1.0, 8));
  }

  @Test
  void constructor_rejectsNegativePosition() {
    assertThatThrownBy(() -> new Timeline("m", PlaybackState.PAUSED, -1, T0, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.24, 4.01, Double.NaN, Double.POSITIVE_INFINITY, -1.0})
  void constructor_rejectsRateOutsideBounds(double rate) {
    assertThatThrownBy(() -> new Timeline("m", PlaybackState.PLAYING, 0, T0, rate, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_rejectsMissingStateAndNegativeVersion() {
    assertThatThrownBy(() -> new Timeline("m", null, 0, T0, 1.0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Timeline("m", PlaybackState.PAUSED, 0, T0, 1.0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
