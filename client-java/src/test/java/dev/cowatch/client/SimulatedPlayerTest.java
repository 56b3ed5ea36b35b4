package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cowatch.core.FakeClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedPlayerTest {
  private final FakeClock clock = new FakeClock(1_000_000);
  private final List<PlayerEvent> events = new ArrayList<>();

  private SimulatedPlayer player(SimulatedPlayer.Traits traits) {
    SimulatedPlayer p = new SimulatedPlayer(clock::millis, traits, 1);
    p.onEvent(events::add);
    return p;
  }

  @BeforeEach
  void clear() {
    events.clear();
  }

  @Test
  void play_advancesWithTheClockAndRate() {
    SimulatedPlayer p = player(SimulatedPlayer.Traits.ideal());
    p.play();
    clock.elapse(1_000);
    assertThat(p.positionMs()).isCloseTo(1_000, within(1e-9));
    p.setRate(2.0);
    clock.elapse(500);
    assertThat(p.positionMs()).isCloseTo(2_000, within(1e-9));
    assertThat(events).extracting(PlayerEvent::kind).containsExactly(PlayerEvent.Kind.PLAY, PlayerEvent.Kind.RATE_CHANGE);
  }

  @Test
  void pause_onAPausedPlayer_firesNothing() {
    SimulatedPlayer p = player(SimulatedPlayer.Traits.ideal());
    p.pause();
    assertThat(events).isEmpty();
  }

  @Test
  void seek_takesItsLatency_andFiresSeekedWhenDone() {
    SimulatedPlayer p = player(new SimulatedPlayer.Traits(100, 0, 0, 0, 0));
    p.play();
    p.seek(60_000);
    assertThat(p.view().seeking()).isTrue();
    clock.elapse(99);
    assertThat(p.positionMs()).isEqualTo(60_000);
    clock.elapse(51);
    // Playback resumed when the seek ended, 50 ms ago.
    assertThat(p.positionMs()).isCloseTo(60_050, within(1e-9));
    PlayerEvent seeked = events.get(events.size() - 1);
    assertThat(seeked.kind()).isEqualTo(PlayerEvent.Kind.SEEKED);
    assertThat(seeked.localTimeMs()).isEqualTo(1_000_100);
  }

  @Test
  void setRate_whilePlaying_fallsBehindByTheSwitchJump() {
    SimulatedPlayer p = player(new SimulatedPlayer.Traits(0, 0, 20, 20, 0));
    p.play();
    clock.elapse(1_000);
    p.setRate(1.05);
    assertThat(p.positionMs()).isCloseTo(980, within(1e-9));
  }

  @Test
  void playAt_startsExactlyOnTheInstant() {
    SimulatedPlayer p = player(SimulatedPlayer.Traits.ideal());
    p.playAt(1_000_250);
    clock.elapse(200);
    assertThat(p.positionMs()).isZero();
    clock.elapse(100);
    assertThat(p.positionMs()).isCloseTo(50, within(1e-9));
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(PlayerEvent.Kind.PLAY);
      assertThat(e.localTimeMs()).isEqualTo(1_000_250);
    });
  }

  @Test
  void pause_cancelsAScheduledStart() {
    SimulatedPlayer p = player(SimulatedPlayer.Traits.ideal());
    p.playAt(1_000_100);
    p.pause();
    clock.elapse(500);
    assertThat(p.isPlaying()).isFalse();
  }

  @Test
  void stall_holdsPositionAndFiresWaitingThenCanPlay() {
    SimulatedPlayer p = player(SimulatedPlayer.Traits.ideal());
    p.play();
    clock.elapse(100);
    p.stall(1_000);
    clock.elapse(500);
    assertThat(p.positionMs()).isCloseTo(100, within(1e-9));
    assertThat(p.view().seeking()).isTrue();
    clock.elapse(600);
    assertThat(p.positionMs()).isCloseTo(200, within(1e-9));
    assertThat(events).extracting(PlayerEvent::kind)
        .containsExactly(PlayerEvent.Kind.PLAY, PlayerEvent.Kind.WAITING, PlayerEvent.Kind.CAN_PLAY);
  }

  @Test
  void clockDrift_makesTheMediaClockRunFast() {
    SimulatedPlayer p = player(new SimulatedPlayer.Traits(0, 0, 0, 0, 100));
    p.play();
    clock.elapse(10_000);
    assertThat(p.positionMs()).isCloseTo(10_001, within(1e-6));
  }
}
