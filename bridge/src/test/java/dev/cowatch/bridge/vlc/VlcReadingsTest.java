package dev.cowatch.bridge.vlc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.PlayerEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readings as VLC 3.0.21 gives them: the position steps every 250 ms, read every 20 ms. */
class VlcReadingsTest {
  private final VlcReadings readings = new VlcReadings();
  private double now = 10_000;

  /** Plays from {@code fromMs} for {@code forMs}, read every 20 ms; returns the events. */
  private List<PlayerEvent> play(double fromMs, double forMs) {
    List<PlayerEvent> events = new ArrayList<>();
    double start = now;
    for (double t = 0; t <= forMs; t += 20) {
      now = start + t;
      double stepped = fromMs + Math.floor(t / 250) * 250;
      events.addAll(readings.feed(new VlcReadings.Reading(stepped, true, 1.0, now)));
    }
    now += 20;
    return events;
  }

  private List<PlayerEvent.Kind> kinds(List<PlayerEvent> events) {
    return events.stream().map(PlayerEvent::kind).toList();
  }

  @Test
  void steadyPlaying_isNoEvent_afterTheFirstReading() {
    readings.feed(new VlcReadings.Reading(1_000, true, 1.0, now));
    now += 20;
    assertThat(play(1_000, 3_000)).isEmpty();
  }

  @Test
  void aPersonsSeek_isSeen_asAJumpAwayFromWhereItWasHeading() {
    play(1_000, 1_000);
    List<PlayerEvent> events = play(30_000, 300);
    assertThat(kinds(events)).containsExactly(PlayerEvent.Kind.SEEKED);
    assertThat(events.getFirst().positionMs()).isEqualTo(30_000);
  }

  @Test
  void catchingUpAfterAStall_isNoSeek() {
    play(1_000, 1_000); // last step 1,750 at 10,750 ms
    // A loaded machine: no step for 1.5 s, then VLC is where playing on would have put it.
    for (int i = 0; i < 75; i++) {
      readings.feed(new VlcReadings.Reading(1_750, true, 1.0, now));
      now += 20;
    }
    double playedOn = 1_750 + (now - 10_000 - 1_000 + 20);
    assertThat(readings.feed(new VlcReadings.Reading(playedOn - 100, true, 1.0, now))).isEmpty();
  }

  @Test
  void ourSeek_whilePlaying_landsOnce_evenWhenTheFirstReadingIsAlreadyPastItsTarget() {
    play(1_000, 1_000);
    readings.seekSent(20_000, now);
    assertThat(readings.view(now).seeking()).isTrue();
    // VLC is busy: no reading for 600 ms, by then it has played 400 ms past the target.
    now += 600;
    List<PlayerEvent> events = play(20_400, 500);
    assertThat(kinds(events)).containsExactly(PlayerEvent.Kind.SEEKED);
    assertThat(readings.view(now).seeking()).isFalse();
  }

  @Test
  void ourSeek_thatNeverLands_isReported_withinTheEchoWindow() {
    play(1_000, 500);
    double sent = now;
    readings.seekSent(20_000, sent);
    List<PlayerEvent> events = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      events.addAll(readings.feed(new VlcReadings.Reading(1_500, false, 1.0, now)));
      now += 20;
    }
    List<PlayerEvent> seeked = events.stream().filter(e -> e.kind() == PlayerEvent.Kind.SEEKED).toList();
    assertThat(seeked).hasSize(1);
    // PlayerSync's EchoGuard takes an event within 2 s of its command for the command's own.
    assertThat(seeked.getFirst().localTimeMs() - sent).isLessThan(2_000);
  }

  @Test
  void stateAndRateChanges_areEvents() {
    play(1_000, 300);
    assertThat(kinds(readings.feed(new VlcReadings.Reading(1_250, false, 1.0, now)))).containsExactly(PlayerEvent.Kind.PAUSE);
    now += 20;
    assertThat(kinds(readings.feed(new VlcReadings.Reading(1_250, true, 1.05, now))))
        .containsExactly(PlayerEvent.Kind.PLAY, PlayerEvent.Kind.RATE_CHANGE);
  }
}
