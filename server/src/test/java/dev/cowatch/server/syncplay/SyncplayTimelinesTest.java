package dev.cowatch.server.syncplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.syncplay.SyncplayTimelines.PlayState;
import dev.cowatch.server.syncplay.SyncplayTimelines.Reported;
import org.junit.jupiter.api.Test;

class SyncplayTimelinesTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String MEDIA = "https://example.org/film.mp4";

  private static Timeline playing(long positionMs, long anchorMs, double rate, long version) {
    return new Timeline(MEDIA, PlaybackState.PLAYING, positionMs, anchorMs, rate, version);
  }

  /** What a client told about {@code t} at T0 thinks. */
  private static boolean told(Timeline t) {
    return SyncplayTimelines.toSyncplay(t, T0).paused();
  }

  @Test
  void toSyncplay_playing_isThePositionAtTheMomentOfSending() {
    PlayState s = SyncplayTimelines.toSyncplay(playing(10_000, T0, 1.0, 3), T0 + 2_500);

    assertThat(s.paused()).isFalse();
    assertThat(s.positionSeconds()).isCloseTo(12.5, within(1e-9));
  }

  @Test
  void toSyncplay_playAnchoredInTheFuture_isPausedAtTheAnchorUntilItsInstant() {
    Timeline t = playing(10_000, T0 + 200, 1.0, 3);

    assertThat(SyncplayTimelines.toSyncplay(t, T0)).isEqualTo(new PlayState(10.0, true));
    assertThat(SyncplayTimelines.startsAtMs(t, T0)).isEqualTo(T0 + 200);
    assertThat(SyncplayTimelines.toSyncplay(t, T0 + 200)).isEqualTo(new PlayState(10.0, false));
    assertThat(SyncplayTimelines.startsAtMs(t, T0 + 200)).isEqualTo(-1);
  }

  @Test
  void intents_pausedReportDuringTheLead_isNoPause_theClientWasToldPaused() {
    Timeline t = playing(10_000, T0 + 200, 1.0, 3);

    assertThat(SyncplayTimelines.intents(new Reported(10.0, true, false, 0), told(t), 3)).isEmpty();
  }

  @Test
  void intents_reportThatCrossedTheStart_isJudgedByWhatTheClientWasTold() {
    // Told paused during the lead; the room plays now, but this report was written before it heard.
    assertThat(SyncplayTimelines.intents(new Reported(10.0, true, false, 0), true, 3)).isEmpty();
  }

  @Test
  void toSyncplay_waitingForBufferingMembers_isPausedAtTheAnchor() {
    Timeline waiting = new Timeline(MEDIA, PlaybackState.WAITING, 42_000, T0, 1.0, 5);

    assertThat(SyncplayTimelines.toSyncplay(waiting, T0 + 9_000)).isEqualTo(new PlayState(42.0, true));
  }

  @Test
  void toSyncplay_noMedia_isPaused() {
    assertThat(SyncplayTimelines.toSyncplay(new Timeline(null, PlaybackState.PLAYING, 0, T0, 1.0, 1), T0 + 5_000)
        .paused()).isTrue();
  }

  @Test
  void toSyncplay_atDoubleRate_movesTwiceAsFast() {
    assertThat(SyncplayTimelines.toSyncplay(playing(0, T0, 2.0, 1), T0 + 1_000).positionSeconds())
        .isCloseTo(2.0, within(1e-9));
  }

  @Test
  void intents_reportMatchingTheRoom_isNoIntent() {
    Timeline t = playing(10_000, T0, 1.0, 7);

    assertThat(SyncplayTimelines.intents(new Reported(12.0, false, false, 0.05), told(t), 7)).isEmpty();
  }

  @Test
  void intents_pauseWhilePlaying_pausesWhereThePlayerWas() {
    Timeline t = playing(10_000, T0, 1.0, 7);

    assertThat(SyncplayTimelines.intents(new Reported(12.345, true, false, 0.08), told(t), 7))
        .containsExactly(new Intent.Pause(7, 12_345L));
  }

  @Test
  void intents_unpauseWhilePaused_plays() {
    Timeline t = new Timeline(MEDIA, PlaybackState.PAUSED, 5_000, T0, 1.0, 4);

    assertThat(SyncplayTimelines.intents(new Reported(5.0, false, false, 0.08), told(t), 4))
        .containsExactly(new Intent.Play(4));
  }

  @Test
  void intents_seekWhilePlaying_addsTheTimeTheReportTravelled() {
    Timeline t = playing(10_000, T0, 1.0, 2);

    assertThat(SyncplayTimelines.intents(new Reported(60.0, false, true, 0.040), told(t), 2))
        .containsExactly(new Intent.Seek(2, 60_040L));
  }

  @Test
  void intents_seekWhilePaused_isTheReportedPositionExactly() {
    Timeline t = new Timeline(MEDIA, PlaybackState.PAUSED, 5_000, T0, 1.0, 9);

    assertThat(SyncplayTimelines.intents(new Reported(30.0, true, true, 0.040), told(t), 9))
        .containsExactly(new Intent.Seek(9, 30_000L));
  }

  @Test
  void intents_carryTheVersionTheClientWasTold_notTheRoomsNewerOne() {
    Timeline t = new Timeline(MEDIA, PlaybackState.PAUSED, 5_000, T0, 1.0, 12);

    assertThat(SyncplayTimelines.intents(new Reported(5.0, false, false, 0), told(t), 11))
        .containsExactly(new Intent.Play(11));
  }

  @Test
  void intents_reportWithoutPause_onlySeeks() {
    Timeline t = new Timeline(MEDIA, PlaybackState.PAUSED, 5_000, T0, 1.0, 1);

    assertThat(SyncplayTimelines.intents(new Reported(8.0, null, true, 0), told(t), 1))
        .containsExactly(new Intent.Seek(1, 8_000L));
  }

  @Test
  void driftMs_playerBehindTheRoom_isNegative() {
    Timeline t = playing(10_000, T0, 1.0, 1);

    Double drift = SyncplayTimelines.driftMs(t, new Reported(11.700, false, false, 0.100), T0 + 2_000);

    assertThat(drift).isCloseTo(-200.0, within(1e-6));
  }

  @Test
  void driftMs_oneSidePaused_cannotBeCompared() {
    assertThat(SyncplayTimelines.driftMs(playing(0, T0, 1.0, 1), new Reported(1.0, true, false, 0), T0 + 1_000))
        .isNull();
  }
}
