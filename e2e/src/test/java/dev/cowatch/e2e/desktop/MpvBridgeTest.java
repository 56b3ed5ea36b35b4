package dev.cowatch.e2e.desktop;

import dev.cowatch.e2e.RunsAlone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.bridge.discord.FakeDiscord;
import dev.cowatch.bridge.Bridge;
import dev.cowatch.bridge.RoomLink;
import dev.cowatch.bridge.media.MediaMatch;
import dev.cowatch.bridge.probe.MpvProbe;
import dev.cowatch.bridge.probe.TestVideo;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bridge with Debian's real mpv (no window, no sound) in a room of the real server: it follows the
 * room, a person's keys in mpv (played here through a second IPC connection, as mpv's own key
 * bindings would) become exactly one intent each, the room's changes none; chat both ways; a
 * different file is told; a lost connection resumes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsAlone
class MpvBridgeTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private BridgeRooms rooms;

  @BeforeAll
  void start() throws Exception {
    rooms = new BridgeRooms();
  }

  @AfterAll
  void stop() throws Exception {
    rooms.close();
  }

  @Test
  void followsTheRoom_gesturesBecomeOneIntentEach_noEchoes_chatBothWays() throws Exception {
    RoomLink link = rooms.room();
    List<String> heard = new CopyOnWriteArrayList<>();
    List<String> annHeard = new CopyOnWriteArrayList<>();
    CowatchClient ann = rooms.member(link, "Ann", annHeard);
    Bridge bridge = rooms.mpvBridge(link, rooms.video, heard, null, List.of());
    CowatchClient desk = bridge.session().client();
    await().atMost(WAIT).until(() -> bridge.session().verdict() == MediaMatch.Verdict.SAME);
    await().atMost(WAIT).until(desk::clockSynced);

    try (MpvProbe mpv = new MpvProbe(bridge.mpvSocket())) {
      // The room plays: mpv follows, onto the timeline.
      ann.play();
      await().atMost(WAIT).until(() -> !mpv.paused());
      Thread.sleep(3_000);
      double worst = 0;
      for (int i = 0; i < 20; i++) {
        double now = mpv.nowMs();
        worst = Math.max(worst, Math.abs(mpv.positionAt(now) - expected(ann, now)));
        Thread.sleep(50);
      }
      System.out.printf("mpv against the timeline, steady: worst %.1f ms%n", worst);
      assertThat(worst).isLessThan(60);
      await().atMost(WAIT).until(() -> heard.stream().anyMatch(l -> l.startsWith("Ann played from")));

      // The room pauses and seeks: mpv follows and sends nothing back.
      ann.pause(null);
      await().atMost(WAIT).until(mpv::paused);
      ann.seek(20_000);
      await().atMost(WAIT).until(() -> Math.abs(mpv.positionAt(mpv.nowMs()) - 20_000) < 50);
      assertThat(desk.controlIntentsSent()).as("echoes of the room's changes").isZero();

      // The person seeks and plays in mpv: one intent each, and the room follows. A person's gesture within
      // EchoGuard's 2 s of the bridge's own seek could be taken for its result, so the room's seek settles first.
      Thread.sleep(2_500);
      long v = ann.timeline().version();
      mpv.ipc().call("seek", 42.0, "absolute+exact");
      await().atMost(WAIT).until(() -> ann.timeline().version() > v);
      assertThat(ann.timeline().anchorPositionMs()).isBetween(41_900L, 42_100L);
      mpv.ipc().call("set_property", "pause", false);
      await().atMost(WAIT).until(() -> ann.timeline().state() == PlaybackState.PLAYING);
      Thread.sleep(1_500);
      mpv.ipc().call("set_property", "pause", true);
      await().atMost(WAIT).until(() -> ann.timeline().state() == PlaybackState.PAUSED);
      Thread.sleep(1_000);
      assertThat(desk.controlIntentsSent()).as("seek, play, pause: one intent each").isEqualTo(3);
      assertThat(ann.timeline().version()).isEqualTo(v + 3);

      // Chat: the room's lines reach the terminal (and mpv's OSD); the terminal's reach the room.
      ann.chat("hello ${path}");
      await().atMost(WAIT).until(() -> heard.contains("Ann: hello ${path}"));
      bridge.session().chat("hi from mpv");
      await().atMost(WAIT).until(() -> annHeard.contains("Desk: hi from mpv"));

      // A lost connection: the bridge resumes as the same member and follows the room again.
      String member = desk.memberId();
      desk.dropConnection();
      await().atMost(WAIT).until(() -> heard.contains("Connection lost; coming back..."));
      await().atMost(WAIT).until(desk::isConnected);
      assertThat(desk.memberId()).isEqualTo(member);
      ann.seek(5_000);
      await().atMost(WAIT).until(() -> Math.abs(mpv.positionAt(mpv.nowMs()) - 5_000) < 50);
      assertThat(desk.controlIntentsSent()).isEqualTo(3);
    }
  }

  @Test
  void aDifferentFile_isToldSo() throws Exception {
    RoomLink link = rooms.room();
    Path other = TestVideo.make(rooms.dir.resolve("other"), "other.webm", 5, 880);
    List<String> heard = new CopyOnWriteArrayList<>();
    Bridge bridge = rooms.mpvBridge(link, other, heard, null, List.of());
    await().atMost(WAIT).until(() -> bridge.session().verdict() == MediaMatch.Verdict.DIFFERENT);
    assertThat(heard).anyMatch(l -> l.startsWith("Your file is not the room's video"));
  }

  @Test
  void withoutAFile_theRoomsUrlIsPlayed() throws Exception {
    RoomLink link = rooms.room();
    Bridge bridge = rooms.mpvBridge(link, null, new CopyOnWriteArrayList<>(), null, List.of());
    try (MpvProbe mpv = new MpvProbe(bridge.mpvSocket())) {
      assertThat(mpv.ipc().call("get_property", "path").asText()).isEqualTo(rooms.stack.videoUrl());
      assertThat(bridge.localFile()).isEmpty();
      bridge.session().client().play();
      await().atMost(WAIT).until(() -> !mpv.paused() && mpv.positionAt(mpv.nowMs()) > 500);
    }
  }

  @Test
  void anUploadedVideo_isComparedWithTheViewersCopy_throughTheServersIdentityOfIt() throws Exception {
    RoomLink link = rooms.uploadedRoom(rooms.video);
    List<String> heard = new CopyOnWriteArrayList<>();
    Bridge same = rooms.mpvBridge(link, rooms.video, heard, null, List.of());
    await().atMost(WAIT).until(() -> same.session().verdict() != null);
    assertThat(same.session().verdict()).isEqualTo(MediaMatch.Verdict.SAME);
    assertThat(heard).contains("Your file is the room's video.");

    Path other = TestVideo.make(rooms.dir.resolve("other-upload"), "other.webm", 5, 880);
    List<String> otherHeard = new CopyOnWriteArrayList<>();
    Bridge different = rooms.mpvBridge(link, other, otherHeard, null, List.of());
    await().atMost(WAIT).until(() -> different.session().verdict() != null);
    assertThat(different.session().verdict()).isEqualTo(MediaMatch.Verdict.DIFFERENT);
    assertThat(otherHeard).anyMatch(l -> l.startsWith("Your file is not the room's video (yours has"));
  }

  @Test
  void withoutAFile_anUploadedVideo_isPlayedFromItsSignedUrl() throws Exception {
    RoomLink link = rooms.uploadedRoom(rooms.video);
    Bridge bridge = rooms.mpvBridge(link, null, new CopyOnWriteArrayList<>(), null, List.of());
    try (MpvProbe mpv = new MpvProbe(bridge.mpvSocket())) {
      // mpv answers "property unavailable" for its path until it has begun loading it (a clean-clone run on a busy machine).
      String path = await().atMost(WAIT).ignoreExceptions().until(() -> mpv.ipc().call("get_property", "path").asText(), p -> !p.isEmpty());
      assertThat(path).startsWith(link.server().resolve("/api/media/").toString()).contains("/stream?u=");
      bridge.session().client().play();
      await().atMost(WAIT).until(() -> !mpv.paused() && mpv.positionAt(mpv.nowMs()) > 500);
    }
  }

  @Test
  void anEmptyRoom_takesTheFilesIdentity_neverItsName() throws Exception {
    String owner = rooms.guestToken("Owner");
    RoomLink link = rooms.emptyRoomOf(owner);
    Bridge bridge = rooms.mpvBridge(link, rooms.video, new CopyOnWriteArrayList<>(), owner, null, List.of());
    await().atMost(WAIT).until(() -> rooms.stack.timeline(link.roomId()).mediaId() != null);
    String mediaId = rooms.stack.timeline(link.roomId()).mediaId();
    assertThat(mediaId).isEqualTo(bridge.localFile().orElseThrow().mediaId()).startsWith("file:").doesNotContain("film");
    await().atMost(WAIT).until(() -> bridge.session().verdict() == MediaMatch.Verdict.SAME);
  }

  @Test
  void discordShowsTheRoom_andAJoinFromDiscordMovesTheBridgeThere() throws Exception {
    Path socket = rooms.dir.resolve("discord-ipc-0");
    try (FakeDiscord discord = new FakeDiscord(socket)) {
      RoomLink first = rooms.room();
      RoomLink second = rooms.room();
      List<String> heard = new CopyOnWriteArrayList<>();
      Bridge bridge = rooms.mpvBridge(first, rooms.video, heard, "1234567890", List.of(socket));
      await().atMost(WAIT).until(() -> discord.activities().stream().anyMatch(a ->
          a.path("activity").path("secrets").path("join").asText().equals(first.link())));
      JsonNode shown = discord.activities().getLast().path("activity");
      assertThat(shown.path("party").path("size").get(0).asInt()).isEqualTo(1);
      assertThat(shown.path("party").path("size").get(1).asInt()).isGreaterThanOrEqualTo(1);
      assertThat(shown.path("party").path("id").asText()).startsWith("cowatch-").doesNotContain(first.roomId());

      CowatchClient bob = rooms.member(second, "Bob", new CopyOnWriteArrayList<>());
      discord.sendJoin(second.link());
      await().atMost(WAIT).until(() -> bridge.session().link().equals(second) && bob.memberCount() == 2);
      await().atMost(WAIT).until(() -> discord.activities().getLast().path("activity").path("secrets").path("join").asText()
          .equals(second.link()));
      assertThat(discord.activities().getLast().path("activity").path("party").path("size").get(0).asInt()).isEqualTo(2);
      assertThat(heard).anyMatch(l -> l.startsWith("Joining " + second.link()));
      assertThat(discord.violations()).isEmpty();
    }
  }

  private static double expected(CowatchClient c, double wallMs) {
    Timeline t = c.timeline();
    // Same machine: the server's clock is this wall clock.
    return t.positionAt(wallMs);
  }
}
