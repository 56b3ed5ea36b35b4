package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three browser pages in one room, on the real server and the shipped test video: the issue's
 * accuracy figures, measured in Chromium. The tests run in order on one session (each starts from
 * the state the previous one left: playing, paused, ...), so one browser start serves all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunsAlone
class BrowserSyncTest {
  private E2eStack stack;
  private RoomSession room;

  @BeforeAll
  void start() throws Exception {
    stack = E2eStack.start();
    room = new RoomSession(stack, stack.createRoom());
    room.join("Ann");
    room.join("Ben");
    room.join("Cat");
  }

  @AfterAll
  void stop() {
    if (room != null) {
      for (RoomPage p : room.pages()) assertThat(p.problems()).as(p.name() + "'s console").isEmpty();
      room.close();
    }
    if (stack != null) stack.close();
  }

  @Test
  @Order(1)
  void threePages_afterPlay_agreeWithin50msAtP95_andFollowTheServersTimeline() throws Exception {
    room.playFrom(room.page(0));
    room.idle(1_000); // the start: players come up to speed at the anchor instant
    // 10 s: what the suite asks is "on one timeline"; bench/run browser-sync measures the figures over minutes.
    List<Round> rounds = room.sampleSteady(10_000, 100);

    List<Double> spreads = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    List<Double> clock = new ArrayList<>();
    for (Round r : rounds) {
      spreads.add(r.spreadMs());
      r.timelineErrorsMs().forEach(e -> errors.add(Math.abs(e)));
      r.samples().forEach(s -> clock.add(Math.abs(s.clockErrorMs())));
    }
    Percentiles spread = new Percentiles(spreads);
    Percentiles error = new Percentiles(errors);
    System.out.printf("steady: spread %s%n        timeline error %s%n        clock error %s%n", spread, error, new Percentiles(clock));
    assertThat(spread.count()).as("rounds with every page playing in 10 s at 100 ms").isGreaterThanOrEqualTo(75);
    assertThat(spread.p(95)).as("p95 of the widest distance between the three pages, ms").isLessThanOrEqualTo(50);
    assertThat(error.p(95)).as("p95 of |position - server timeline|, ms").isLessThanOrEqualTo(50);

    Path out = outDir().resolve("room.png");
    room.page(0).screenshot(out);
    assertThat(Files.size(out)).isGreaterThan(10_000);
  }

  @Test
  @Order(2)
  void pauseFromPage2_pausesAllThreeWithin300ms_stoppedWithin40msOfEachOther() {
    if (!room.round().allPlaying()) room.playFrom(room.page(0));
    room.idle(1_500);

    RoomSession.PauseResult pause = room.pauseFrom(room.page(1));

    System.out.printf("pause: last page paused %.0f ms after the click, stopped %.1f ms apart, rest %.1f ms apart%n",
        pause.latencyMs(), pause.stopSpreadMs(), pause.restSpreadMs());
    assertThat(pause.latencyMs()).as("click until the last page's player paused, ms").isLessThanOrEqualTo(300);
    assertThat(pause.restSpreadMs()).as("where the three players stopped (and rest), ms apart").isLessThanOrEqualTo(40);
    assertThat(pause.restErrorMs()).as("distance from the paused timeline, ms").isLessThanOrEqualTo(10);
    // Where each player was at the instant it was told to pause (before the engine moved it onto
    // the room's frame): typically 2-25 ms apart; on two busy cores one renderer can take tens of ms
    // longer to handle the broadcast (74 ms seen once in six runs), so this bound is looser.
    assertThat(pause.stopSpreadMs()).as("positions at the instant each player was paused, ms apart").isLessThanOrEqualTo(100);
  }

  @Test
  @Order(3)
  void seekWhilePlaying_convergesWithin1s() {
    if (!room.round().allPlaying()) room.playFrom(room.page(0));
    room.idle(1_500);

    double convergeMs = room.seekFrom(room.page(2), 35_000, 3_000);

    System.out.printf("seek: converged %.0f ms after the gesture; %s%n", convergeMs, RoomSession.describe(room.round()));
    assertThat(convergeMs).as("gesture to every page playing the new position within 50 ms of each other").isLessThanOrEqualTo(1_000);
    assertThat(room.round().samples()).allSatisfy(s -> assertThat(s.positionMs()).isBetween(35_000.0, 40_000.0));
  }

  @Test
  @Order(4)
  void lateJoinerOnAPhone_landsWithin50msOfTheOthers() throws Exception {
    if (!room.round().allPlaying()) room.playFrom(room.page(0));

    RoomSession.LateJoin late = room.lateJoin(stack.chromium().newViewer("Dee", 390, 844), 3_000);

    System.out.printf("late joiner: landed after %.0f ms; offset from the others %s%n", late.landMs(), late.offsetsMs());
    assertThat(late.offsetsMs().count()).isGreaterThan(10);
    assertThat(late.offsetsMs().p(95)).as("late joiner's distance from the farthest other page, ms").isLessThanOrEqualTo(50);
    Path out = outDir().resolve("room-phone.png");
    room.pages().getLast().screenshot(out);
    assertThat(Files.size(out)).isGreaterThan(10_000);
  }

  static Path outDir() throws java.io.IOException {
    return Files.createDirectories(Path.of(System.getProperty("cowatch.e2e.out", "target")));
  }
}
