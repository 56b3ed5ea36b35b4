package dev.cowatch.e2e.desktop;

import dev.cowatch.e2e.RunsAlone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.e2e.Percentiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Chromium page, a bridge-driven mpv and a bridge-driven VLC in one room: play, pause and seek from
 * each of them reach the other two; the bridges send one intent per gesture of their viewer and none
 * for the room's changes; the steady position differences are reported.
 */
@RunsAlone
class DesktopSyncTest {
  /** Three players on one loaded machine: paused on one frame (a frame is 20 ms), playing within a few frames. */
  private static final double PAUSED_WITHIN_MS = 60;
  private static final double PLAYING_WITHIN_MS = 250;

  @Test
  void playPauseSeek_fromEachSide_reachTheOthers_withoutEchoes() throws Exception {
    try (DesktopRoom room = DesktopRoom.start(60)) {
      var mpvIntents = room.mpvBridge().session().client();
      var vlcIntents = room.vlcBridge().session().client();

      // From the page: play; then the steady differences.
      room.page().clickPlayPause();
      room.awaitPlayingTogether(PLAYING_WITHIN_MS);
      room.page().idle(3_000);
      List<Double> mpvDiff = new ArrayList<>();
      List<Double> vlcDiff = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        DesktopRoom.Reading r = room.read();
        if (r.allPlaying()) {
          mpvDiff.add(Math.abs(r.mpvMinusPageMs()));
          vlcDiff.add(Math.abs(r.vlcMinusPageMs()));
        }
        room.page().idle(100);
      }
      Percentiles mpvSteady = new Percentiles(mpvDiff);
      Percentiles vlcSteady = new Percentiles(vlcDiff);
      System.out.println("desktop steady, |mpv - page| ms: " + mpvSteady);
      System.out.println("desktop steady, |vlc - page| ms: " + vlcSteady);
      assertThat(mpvSteady.count()).isGreaterThan(30);
      assertThat(mpvSteady.p(95)).isLessThan(100);
      assertThat(vlcSteady.p(95)).isLessThan(150);

      // From mpv: pause (its viewer's key, through a second IPC connection).
      gestureSettles(room);
      room.mpv().ipc().call("set_property", "pause", true);
      room.awaitPausedAt(Double.NaN, PAUSED_WITHIN_MS);
      assertThat(room.session().timeline().state()).isEqualTo(PlaybackState.PAUSED);

      // From VLC: seek while paused (its web remote's seek), then play.
      gestureSettles(room);
      room.vlc().http().command("seek", "30");
      room.awaitPausedAt(30_000, PAUSED_WITHIN_MS);
      gestureSettles(room);
      room.vlc().http().command("pl_play", null);
      room.awaitPlayingTogether(PLAYING_WITHIN_MS);

      // From the page: seek while playing, then pause.
      gestureSettles(room);
      room.page().seekBarTo(45_000);
      room.await("all three past 45 s together", r -> r.allPlaying() && r.page().positionMs() >= 45_000
          && r.spreadMs() <= PLAYING_WITHIN_MS);
      gestureSettles(room);
      room.page().clickPlayPause();
      room.awaitPausedAt(Double.NaN, PAUSED_WITHIN_MS);

      // From mpv: seek while paused and play; from VLC: pause.
      gestureSettles(room);
      room.mpv().ipc().call("seek", 10.0, "absolute+exact");
      room.awaitPausedAt(10_000, PAUSED_WITHIN_MS);
      gestureSettles(room);
      room.mpv().ipc().call("set_property", "pause", false);
      room.awaitPlayingTogether(PLAYING_WITHIN_MS);
      gestureSettles(room);
      room.vlc().http().command("pl_pause", null);
      room.awaitPausedAt(Double.NaN, PAUSED_WITHIN_MS);

      room.page().idle(1_500);
      assertThat(mpvIntents.controlIntentsSent()).as("mpv: pause, seek, play and no echo; sent: %s", mpvIntents.recentControlIntents()).isEqualTo(3);
      assertThat(vlcIntents.controlIntentsSent()).as("VLC: seek, play, pause and no echo; sent: %s", vlcIntents.recentControlIntents()).isEqualTo(3);
      assertThat(room.page().problems()).isEmpty();
    }
  }

  /**
   * A person's next gesture comes after the room's last change has settled: the bridges take an
   * event within 2 s of a command of theirs for that command's result (EchoGuard), as the web app does.
   */
  private static void gestureSettles(DesktopRoom room) {
    room.page().idle(2_200);
  }
}
