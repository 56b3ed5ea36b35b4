package dev.cowatch.server.sync;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.peer.PeerSync;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.chat.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Java clients in the room's peer mesh (docs/protocol.md 3.12), against the real server over real
 * sockets, their peer connections in memory ({@link InMemoryPeers}; {@code JavaPeerBrowserTest} meshes a
 * Java client with Chromium pages over libwebrtc). Every client's network path is cut during playback:
 * they play on, the acting authority (the most senior: the smallest id among equal roles) decides a
 * follower's seek and its own pause, a chat line goes round; the path is mended and the room returns to
 * the server with the peers' timeline, nobody jumping, the line in the room's history.
 */
class PeerSyncJavaClientsTest {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final ScheduledExecutorService steps = Executors.newScheduledThreadPool(2);
  private final InMemoryPeers peers = new InMemoryPeers();
  private final List<PeerSync> syncs = new ArrayList<>();

  @AfterEach
  void stop() {
    syncs.forEach(PeerSync::close);
    peers.close();
    steps.shutdownNow();
  }

  private record Member(SimulatedViewer viewer, PeerSync peers, CuttableTransport network) {
    String id() {
      return viewer.client().memberId();
    }
  }

  @Test
  void cutOffTogether_javaClientsPlayOnTheirPeers_followTheActingAuthority_andHandTheRoomBack() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      List<Member> members = new ArrayList<>();
      for (String name : List.of("ann", "bob", "cat")) members.add(member(ts, room, name, members.size() + 1));
      // Meshing waits for the presence of all three and a signal round trip each: seconds on a loaded machine
      // (a clean-clone build with the protocol model beside the server's two test JVMs needed more than 10).
      awaitOrTell(members, "every member meshed with the other two", () -> members.stream().allMatch(m -> m.peers().openPeers().size() == 2));
      members.getFirst().viewer().player().play();
      within(SETTLE).until(() -> members.stream().allMatch(m -> m.viewer().player().isPlaying()
          && Math.abs(errorMs(ts, room, m)) < 20));

      long base = serverTimeline(ts, room).version();
      members.forEach(m -> m.network().cut());
      within(SETTLE).until(() -> members.stream().allMatch(m -> m.peers().onPeers()));
      Member authority = members.stream().min(Comparator.comparing(Member::id)).orElseThrow();
      within(SETTLE).until(() -> members.stream().allMatch(m -> authority.id().equals(m.peers().authority())));
      Member follower = members.stream().filter(m -> m != authority).findFirst().orElseThrow();

      follower.viewer().player().seek(40_000);
      within(SETTLE).until(() -> members.stream().allMatch(m -> m.viewer().client().timeline().anchorPositionMs() == 40_000));
      within(SETTLE).until(() -> spreadMs(members) < 20 && members.stream().allMatch(m -> m.viewer().player().isPlaying()));
      assertThat(follower.viewer().client().timeline().version()).as("the peers' version grew from the server's").isEqualTo(base + 1);

      authority.viewer().player().pause();
      within(SETTLE).until(() -> members.stream().allMatch(m -> !m.viewer().player().isPlaying()
          && m.viewer().client().timeline().state() == PlaybackState.PAUSED));
      Timeline onPeers = authority.viewer().client().timeline();
      assertThat(spreadMs(members)).as("paused together").isLessThan(40);
      follower.viewer().client().chat("written without the server");

      members.forEach(m -> m.network().mend());
      within(Duration.ofSeconds(20)).until(() -> members.stream().noneMatch(m -> m.peers().onPeers()));
      Timeline handedBack = serverTimeline(ts, room);
      assertThat(handedBack.version()).as("the server took the peers' timeline, one version on").isEqualTo(base + 1);
      assertThat(handedBack.state()).isEqualTo(PlaybackState.PAUSED);
      assertThat((double) handedBack.anchorPositionMs()).isCloseTo(onPeers.anchorPositionMs(), offset(1.0));
      within(SETTLE).until(() -> members.stream().allMatch(m -> m.viewer().client().timeline().equals(handedBack)));
      assertThat(spreadMs(members)).as("nobody moved on the way back").isLessThan(40);
      within(Duration.ofSeconds(20)).until(() -> ts.server().chat().service().page(room, null).messages().stream()
          .map(ChatMessage::text).anyMatch("written without the server"::equals));
      assertThat(members.stream().mapToLong(m -> m.viewer().client().controlIntentsSent()).sum())
          .as("the seek and the pause, and nothing sent for following").isEqualTo(3);
    }
  }

  /** Waits up to 30 s; on a timeout the message carries every member's peer trace. */
  private static void awaitOrTell(List<Member> members, String what, java.util.concurrent.Callable<Boolean> condition) {
    try {
      within(Duration.ofSeconds(30)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder traces = new StringBuilder();
      for (Member m : members) traces.append("\n").append(m.id()).append(": ").append(m.peers().trace());
      throw new AssertionError("timed out waiting for " + what + traces, e);
    }
  }

  private Member member(TestServer ts, RoomId room, String name, long seed) {
    CuttableTransport network = new CuttableTransport();
    CowatchClient client = ts.client(room, name).transport(network).build();
    PeerSync sync = PeerSync.start(client, peers, List::of, ts.server().rooms().service().tolerances());
    syncs.add(sync);
    return new Member(SimulatedViewer.start(ts, ts.joined(client), seed, steps), sync, network);
  }

  private static Timeline serverTimeline(TestServer ts, RoomId room) {
    return ts.server().rooms().service().find(room).orElseThrow().timeline();
  }

  private static double errorMs(TestServer ts, RoomId room, Member m) {
    return m.viewer().player().positionMs() - serverTimeline(ts, room).positionAt(System.currentTimeMillis());
  }

  private static double spreadMs(List<Member> members) {
    List<Double> positions = members.stream().map(m -> m.viewer().player().positionMs()).toList();
    return positions.stream().mapToDouble(Double::doubleValue).max().orElse(0)
        - positions.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }
}
