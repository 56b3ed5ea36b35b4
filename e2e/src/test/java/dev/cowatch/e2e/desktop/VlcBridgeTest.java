package dev.cowatch.e2e.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.bridge.Bridge;
import dev.cowatch.bridge.RoomLink;
import dev.cowatch.bridge.media.MediaMatch;
import dev.cowatch.bridge.probe.VlcProbe;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bridge with Debian's VLC ({@code cvlc}, no video or audio output) through its HTTP interface:
 * it follows the room, and the viewer's pause and seek in VLC (sent here to VLC's HTTP interface, as
 * its web remote would) become one intent each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VlcBridgeTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private BridgeRooms rooms;

  @BeforeAll
  void start() throws Exception {
    rooms = new BridgeRooms();
  }

  @AfterAll
  void stop() {
    rooms.close();
  }

  @Test
  void followsTheRoom_andItsViewersGesturesBecomeOneIntentEach() throws Exception {
    RoomLink link = rooms.room();
    CowatchClient ann = rooms.member(link, "Ann", new CopyOnWriteArrayList<>());
    Bridge bridge = rooms.vlcBridge(link, rooms.video, new CopyOnWriteArrayList<>());
    CowatchClient vic = bridge.session().client();
    await().atMost(WAIT).until(() -> bridge.session().verdict() == MediaMatch.Verdict.SAME);
    await().atMost(WAIT).until(vic::clockSynced);
    VlcProbe vlc = new VlcProbe(bridge.vlcHttp(), 60_008);

    ann.play();
    await().atMost(WAIT).until(() -> vlc.read().playing());
    Thread.sleep(4_000);
    List<Double> errors = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 30; i++) {
      VlcProbe.Reading r = vlc.read();
      errors.add(Math.abs(r.positionMs() - ann.timeline().positionAt(r.wallMs())));
      Thread.sleep(50);
    }
    double worst = errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    System.out.printf("VLC against the timeline, steady: worst %.1f ms%n", worst);
    assertThat(worst).isLessThan(250);

    ann.pause(null);
    await().atMost(WAIT).until(() -> !vlc.read().playing());
    ann.seek(25_000);
    await().atMost(WAIT).until(() -> Math.abs(vlc.read().positionMs() - 25_000) < 100);
    assertThat(vic.controlIntentsSent()).as("echoes of the room's changes").isZero();

    Thread.sleep(2_500);
    long v = ann.timeline().version();
    vlc.http().command("seek", "40");
    await().atMost(WAIT).until(() -> ann.timeline().version() > v);
    assertThat(ann.timeline().anchorPositionMs()).isBetween(39_700L, 40_300L);
    vlc.http().command("pl_play", null);
    await().atMost(WAIT).until(() -> ann.timeline().state() == PlaybackState.PLAYING);
    Thread.sleep(2_000);
    vlc.http().command("pl_pause", null);
    await().atMost(WAIT).until(() -> ann.timeline().state() == PlaybackState.PAUSED);
    Thread.sleep(1_000);
    assertThat(vic.controlIntentsSent()).as("seek, play, pause: one intent each").isEqualTo(3);
    assertThat(ann.timeline().version()).isEqualTo(v + 3);
  }
}
