package dev.cowatch.server.sync;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.PlayerEvent;
import dev.cowatch.client.PlayerSync;
import dev.cowatch.client.SimulatedPlayer;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients with (simulated) players on one server: what a person sees, end to end. */
class PlayerSyncOverServerTest {
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private final ScheduledExecutorService steps = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stopSteps() {
    steps.shutdownNow();
  }

  @Test
  void pauseGestureOnOnePlayer_pausesAllThree_withOneIntentPerGesture() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      List<SimulatedViewer> viewers = List.of(viewer(ts, room, "ann", 1), viewer(ts, room, "bob", 2), viewer(ts, room, "cy", 3));
      int gestures = 0;

      viewers.get(0).player().play();
      gestures++;
      within(SETTLE).until(() -> viewers.stream().allMatch(v ->
          v.client().timeline().state() == PlaybackState.PLAYING && v.player().isPlaying()
              && v.player().positionMs() > 300));

      viewers.get(1).player().pause();
      gestures++;
      within(SETTLE).until(() -> viewers.stream().allMatch(v ->
          v.client().timeline().state() == PlaybackState.PAUSED && !v.player().isPlaying())
          && spreadMs(viewers) < 40);

      int made = gestures;
      // No echo: nothing that applying the pause did to the other players comes back as an intent.
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
          .until(() -> intentsSent(viewers) == made);
      assertThat(intentsSent(viewers)).isEqualTo(2);
      Timeline roomTimeline = ts.server().rooms().service().find(room).orElseThrow().timeline();
      assertThat(roomTimeline.version()).isEqualTo(2);
      assertThat(viewers).allSatisfy(v -> {
        assertThat(v.client().timeline()).isEqualTo(roomTimeline);
        assertThat(v.player().isPlaying()).isFalse();
        assertThat(v.player().positionMs()).isCloseTo(roomTimeline.anchorPositionMs(), offset(40.0));
      });
      assertThat(spreadMs(viewers)).isLessThan(40);
    }
  }

  @Test
  void aPlayPressedBeforeTheFirstTimelineArrived_playsTheRoom_andThePlayerIsNotPausedMeanwhile() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient early = ts.client(room, "early").build();
      SimulatedPlayer player = new SimulatedPlayer(early.localClock(), SimulatedPlayer.Traits.random(new Random(7)), 7);
      // What the player did, each with the room's state the client knew then.
      List<String> done = new CopyOnWriteArrayList<>();
      player.onEvent(e -> done.add(e.kind() + " in a room "
          + (early.timeline() == null ? "not yet known" : early.timeline().state().toString())));
      new PlayerSync(early, player, ts.server().rooms().service().tolerances()).start(steps);
      player.play(); // the person, the moment after opening the room: no timeline yet
      ts.joined(early);

      within(SETTLE).until(() -> early.timeline() != null && early.timeline().state() == PlaybackState.PLAYING
          && player.isPlaying());
      assertThat(early.controlIntentsSent()).isEqualTo(1);
      // Once the room plays, a player that ran ahead of it meanwhile may be stopped and sought to the room's start
      // like any other: what must not happen is the pause the room's first, still paused timeline made.
      assertThat(done).as("what the player did").contains("PLAY in a room not yet known")
          .doesNotContain("PAUSE in a room PAUSED");
    }
  }

  @Test
  void aPauseOfOursWhoseEventNeverCame_lapsesWhileTheClientRuns_andAPersonsPauseSecondsLaterIsSent() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      SimulatedViewer ann = viewer(ts, room, "ann", 7);
      SimulatedViewer ben = viewer(ts, room, "ben", 8);
      ann.player().play();
      within(SETTLE).until(() -> ben.player().isPlaying() && ben.player().positionMs() > 300);
      // The room pauses; Ben's player takes the pause without its event, so what his guard expects of it stays.
      ben.player().pauseSilently(true);
      ann.player().pause();
      within(SETTLE).until(() -> !ben.player().isPlaying());
      await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
      ben.player().pauseSilently(false);
      ann.player().play();
      within(SETTLE).until(() -> ben.player().isPlaying());
      long before = ben.client().controlIntentsSent();
      // Every step was time the client ran: the old expectation lapsed 2 s after it was made, not stretched by them.
      ben.player().pause();
      within(SETTLE).until(() -> ts.server().rooms().service().find(room).orElseThrow().timeline().state()
          == PlaybackState.PAUSED);
      assertThat(ben.client().controlIntentsSent()).as("Ben's pause, sent").isEqualTo(before + 1);
    }
  }

  @Test
  void aFilmThatCannotBeSought_sendsNoSeeks_neitherItsLandingsNorAPersons() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient ann = ts.joined(room, "ann");
      SimulatedViewer ben = viewer(ts, room, "ben", 5);
      ben.player().loseSeeking();
      ann.seek(7_700);
      // The room sent Ben's player to 7.7 s; it landed at its start, which is no seek of a person.
      within(SETTLE).until(() -> ben.client().timeline() != null && ben.client().timeline().anchorPositionMs() == 7_700);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> ben.player().positionMs() < 100);
      ben.player().seek(30_000);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
          .until(() -> ts.server().rooms().service().find(room).orElseThrow().timeline().anchorPositionMs() == 7_700);
      assertThat(ben.client().controlIntentsSent()).as("intents from the player that cannot seek").isZero();
    }
  }

  @Test
  void lateJoiner_landsOnThePlayingTimeline_within50ms() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient starter = ts.joined(room, "starter");
      starter.play();
      within(SETTLE).until(() -> positionNow(ts, room) > 1_500);

      SimulatedViewer late = viewer(ts, room, "late", 42);
      within(SETTLE).until(() -> Math.abs(errorMs(ts, room, late)) < 50);
      // Landed, and stays there while drift correction keeps working.
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
          .until(() -> Math.abs(errorMs(ts, room, late)) < 50);
      assertThat(late.player().isPlaying()).isTrue();
      assertThat(late.client().controlIntentsSent()).isZero();
    }
  }

  @Test
  void aViewerWithASoundDelay_playsThatFarAhead_andTheirSeekIsWhatTheyHear() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient starter = ts.joined(room, "starter");
      starter.play();
      within(SETTLE).until(() -> positionNow(ts, room) > 1_500);
      SimulatedViewer v = viewer(ts, room, "headphones", 11);
      v.sync().soundDelayMs(200);
      // The picture 200 ms ahead of the room: what the viewer hears is on the timeline.
      await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
          .until(() -> v.player().isPlaying() && Math.abs(errorMs(ts, room, v) - 200) < 50);
      assertThat(v.client().controlIntentsSent()).as("the delay is the viewer's own, never an intent").isZero();
      // The room shows it beside the viewer: reported at the next check, not a minute later.
      within(SETTLE).until(() -> ts.server().rooms().service().find(room).orElseThrow().members().stream()
          .anyMatch(m -> m.soundDelayMs() == 200));

      v.player().seek(60_200); // the person jumps the picture to 60.2 s: they hear 60.0 s there
      within(SETTLE).until(() -> Math.abs(positionNow(ts, room) - 60_000) < 1_000);
      assertThat(ts.server().rooms().service().find(room).orElseThrow().timeline().anchorPositionMs()).isEqualTo(60_000);
      v.sync().soundDelayMs(5_000);
      assertThat(v.sync().soundDelayMs()).as("bounded").isEqualTo(1_000);
    }
  }

  @Test
  void aStallThePlayerSeeksAway_reachesTheRoomsFiguresAsACorrection() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient starter = ts.joined(room, "starter");
      starter.play();
      within(SETTLE).until(() -> positionNow(ts, room) > 1_500);
      SimulatedViewer v = viewer(ts, room, "stalling", 7);
      // Playing on the timeline for a while: landed, started, any start error nudged away.
      await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
          .until(() -> v.player().isPlaying() && Math.abs(errorMs(ts, room, v)) < 50);
      long seeksBefore = ts.server().rooms().management().syncFigures(TestServer.OWNER, room).seeks();

      v.player().stall(300); // far past the seek threshold, short of a buffering report: seeked back

      // Reported with the next report due (a correction not reported yet is news), 5 s after the one before.
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
          ts.server().rooms().management().syncFigures(TestServer.OWNER, room).seeks()).isGreaterThan(seeksBefore));
      within(SETTLE).until(() -> Math.abs(errorMs(ts, room, v)) < 50);
      assertThat(v.client().controlIntentsSent()).as("corrections are reports, never intents").isZero();
    }
  }

  @Test
  void aPlayerThatBuffers_showsNoDrift_untilItPlaysAgain_andThenItsDriftAtOnce() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient starter = ts.joined(room, "starter");
      SimulatedViewer v = viewer(ts, room, "buffering", 11); // joined while paused: ready, not catching up
      starter.play();
      await().atMost(Duration.ofSeconds(20)).until(() -> member(ts, room, v).driftMs() != null);
      assertThat(member(ts, room, v).readiness()).isEqualTo(Readiness.READY);

      long stallMs = ts.server().rooms().service().tolerances().bufferingReportDelayMs() + 3_000;
      v.player().stall(stallMs);
      await().atMost(Duration.ofSeconds(10)).until(() -> member(ts, room, v).readiness() == Readiness.BUFFERING);
      assertThat(member(ts, room, v).driftMs()).as("its last drift while it buffers").isNull();

      // Ready again with data in hand; its first report goes at once, not with the next one due.
      await().atMost(Duration.ofSeconds(15)).until(() -> member(ts, room, v).readiness() == Readiness.READY);
      within(Duration.ofSeconds(3)).until(() -> member(ts, room, v).driftMs() != null);
    }
  }

  private static Member member(TestServer ts, RoomId room, SimulatedViewer v) {
    return ts.server().rooms().service().find(room).orElseThrow().member(new MemberId(v.client().memberId()))
        .orElseThrow();
  }

  private SimulatedViewer viewer(TestServer ts, RoomId room, String name, long seed) {
    return SimulatedViewer.start(ts, ts.joined(room, name), seed, steps);
  }

  /** The room's position at the true server time: the server reads the system clock. */
  private static double positionNow(TestServer ts, RoomId room) {
    return ts.server().rooms().service().find(room).orElseThrow().timeline().positionAt(System.currentTimeMillis());
  }

  private static double errorMs(TestServer ts, RoomId room, SimulatedViewer v) {
    double player = v.player().positionMs();
    return player - positionNow(ts, room);
  }

  private static double spreadMs(List<SimulatedViewer> viewers) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (SimulatedViewer v : viewers) {
      double p = v.player().positionMs();
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    return max - min;
  }

  private static long intentsSent(List<SimulatedViewer> viewers) {
    return viewers.stream().mapToLong(v -> v.client().controlIntentsSent()).sum();
  }
}
