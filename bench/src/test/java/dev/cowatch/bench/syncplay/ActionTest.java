package dev.cowatch.bench.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionTest {
  @Test
  void actions_cycleThroughPauseSeekPlay_withADifferentTargetForEachSeek() {
    assertThat(Action.nth(0).kind()).isEqualTo(Action.Kind.PAUSE);
    assertThat(Action.nth(1).kind()).isEqualTo(Action.Kind.SEEK);
    assertThat(Action.nth(2).kind()).isEqualTo(Action.Kind.PLAY);
    assertThat(Action.nth(3).kind()).isEqualTo(Action.Kind.PAUSE);
    assertThat(Action.nth(1).to()).isNotEqualTo(Action.nth(4).to());
  }

  @Test
  void pause_isSeenInAPausedStateSetByTheController_only() {
    Action pause = Action.nth(0);
    assertThat(pause.shownBy(new PlayState(3.2, true, null, "ctl"), "ctl")).isTrue();
    assertThat(pause.shownBy(new PlayState(3.2, false, false, "ctl"), "ctl")).isFalse();
    // The server's periodic State names whichever member it took the position from.
    assertThat(pause.shownBy(new PlayState(3.2, true, false, "m7"), "ctl")).isFalse();
    assertThat(pause.shownBy(null, "ctl")).isFalse();
  }

  @Test
  void seek_isSeenAsAJumpToItsTarget_notAsTheRoomStandingStill() {
    Action seek = Action.nth(1);
    assertThat(seek.shownBy(new PlayState(seek.to(), true, true, "ctl"), "ctl")).isTrue();
    assertThat(seek.shownBy(new PlayState(seek.to(), true, false, "ctl"), "ctl")).isFalse();
    assertThat(seek.shownBy(new PlayState(Action.nth(4).to(), true, true, "ctl"), "ctl")).isFalse();
  }

  @Test
  void play_isSeenInAPlayingStateSetByTheController() {
    Action play = Action.nth(2);
    assertThat(play.shownBy(new PlayState(70.01, false, null, "ctl"), "ctl")).isTrue();
    assertThat(play.shownBy(new PlayState(70, true, false, "ctl"), "ctl")).isFalse();
  }
}
