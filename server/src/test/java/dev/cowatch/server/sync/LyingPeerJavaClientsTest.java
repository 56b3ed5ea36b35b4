package dev.cowatch.server.sync;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.peer.IceServer;
import dev.cowatch.client.peer.PeerConnection;
import dev.cowatch.client.peer.PeerConnector;
import dev.cowatch.client.peer.PeerSync;
import dev.cowatch.core.room.AdminIntent;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.PeerFrameSeal;
import dev.cowatch.protocol.PeerKeys;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.SyncFrame;
import dev.cowatch.protocol.SyncFrames;
import dev.cowatch.server.TestServer;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lying member among Java peers (issue 51, docs/protocol.md 3.13), against the real server and its
 * credentials, the peer connections in memory. In a room where only moderators control playback, Ann
 * (a moderator) and Bob (a guest) are honest; Mallory (a guest) writes her own frames once everyone
 * lost the server: a timeline with a higher version and another media, unsigned, signed as herself, and
 * signed by her but said to be Ann's; a chat line under Ann's name, and one in Ann's member id. Before
 * the credentials, the first of them was played by everyone and the chat lines showed what Mallory
 * wrote; now every timeline is refused, her line carries the name the server knows her by, and the
 * line in Ann's id is dropped.
 */
class LyingPeerJavaClientsTest {
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private final InMemoryPeers peers = new InMemoryPeers();
  private final List<PeerSync> syncs = new ArrayList<>();

  @AfterEach
  void stop() {
    syncs.forEach(PeerSync::close);
    peers.close();
  }

  /** Mallory's connections to her peers, so that the test can write on them what her client would not. */
  private final class Capturing implements PeerConnector {
    final List<PeerConnection> made = new CopyOnWriteArrayList<>();

    @Override
    public PeerConnection connect(List<IceServer> iceServers, PeerConnection.Events events) {
      PeerConnection c = peers.connect(iceServers, events);
      made.add(c);
      return c;
    }
  }

  private record Peer(CowatchClient client, PeerSync sync, CuttableTransport network, List<ServerMessage.ChatView> lines) {}

  private Peer peer(TestServer ts, RoomId room, String name, PeerConnector connector) {
    CuttableTransport network = new CuttableTransport();
    CowatchClient client = ts.client(room, name).transport(network).build();
    List<ServerMessage.ChatView> lines = new CopyOnWriteArrayList<>();
    client.addListener(new ClientListener() {
      @Override
      public void onChat(ServerMessage message) {
        if (message instanceof ServerMessage.Chat c) lines.add(c.message());
      }
    });
    // The mesh first, then the join, as the bridge does: a peer already in the room offers a channel as soon as it
    // sees the newcomer, and an offer that came before the newcomer's mesh listened was lost; the offerer waited 15 s
    // (PeerMesh.OPEN_WITHIN_MS) before trying again, which timed out this test 2 runs in 14 (2026-11-26).
    PeerSync sync = PeerSync.start(client, connector, List::of, ts.server().rooms().service().tolerances());
    syncs.add(sync);
    ts.joined(client);
    return new Peer(client, sync, network, lines);
  }

  private static void awaitOrTell(List<Peer> peers, String what, java.util.concurrent.Callable<Boolean> condition) {
    try {
      within(SETTLE).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder traces = new StringBuilder();
      for (Peer p : peers) {
        traces.append("\n").append(p.client().memberId()).append(" at ").append(p.client().timeline()).append(": ")
            .append(p.sync().trace());
      }
      throw new AssertionError("timed out waiting for " + what + traces, e);
    }
  }

  @Test
  void forgedTimelinesAndChatNames_areRefusedByHonestPeers() throws Exception {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom(RoomSettings.defaults("lying", 5_000).withControlMode(ControlMode.MODERATORS), "film.mp4");
      Capturing mallorysLinks = new Capturing();
      Peer ann = peer(ts, room, "Ann", peers);
      Peer bob = peer(ts, room, "Bob", peers);
      Peer mal = peer(ts, room, "Mallory", mallorysLinks);
      var rooms = ts.server().rooms().service();
      rooms.administer(room, TestServer.OWNER.userId(), new AdminIntent.ChangeRole(
          rooms.find(room).orElseThrow().member(new MemberId(ann.client().memberId())).orElseThrow().userId(), Role.MODERATOR),
          Optional.empty());
      // Mallory's own credential, for a key of the test's: what her client could sign with.
      KeyPair malKey = PeerKeys.generate();
      AtomicReference<ServerMessage.PeerCredentialIssued> malCredential = new AtomicReference<>();
      String malPublic = PeerKeys.encode(malKey.getPublic());
      mal.client().addListener(new ClientListener() {
        @Override
        public void onPeerCredential(ServerMessage.PeerCredentialIssued c) {
          if (c.credential().contains(malPublic)) malCredential.set(c);
        }
      });
      mal.client().peerKey(malPublic);
      List<Peer> all = List.of(ann, bob, mal);
      // Each peer orders the authorities by the roles the server last told it: all must know Ann is a moderator before
      // the server goes, or one of them makes nobody (or itself) the acting authority.
      awaitOrTell(all, "every peer meshed, knowing Ann's role", () -> malCredential.get() != null
          && all.stream().allMatch(p -> p.sync().openPeers().size() == 2 && p.client().members().stream()
              .anyMatch(m -> m.id().equals(ann.client().memberId()) && "moderator".equals(m.role()))
              // and each has its own credential: without it a peer can check nobody's frames (1 run in 5 had none)
              && p.sync().hasCredential())
          // and Ann's says moderator: her peers judge her frames by it (issued as a guest at her join, it is renewed
          // after the promotion; with the mesh up at once, the server went before that, 3 runs in 3)
          && ann.sync().credentialRole().orElse(null) == Role.MODERATOR);

      Timeline base = rooms.find(room).orElseThrow().timeline();
      all.forEach(p -> p.network().cut());
      awaitOrTell(all, "every peer on its peers, Ann acting", () -> all.stream().allMatch(p -> p.sync().onPeers()
          && ann.client().memberId().equals(p.sync().authority())));

      PeerFrameSeal seal = new PeerFrameSeal(malKey.getPrivate(), malCredential.get().credential(),
          malCredential.get().signature());
      String malId = mal.client().memberId();
      String annId = ann.client().memberId();
      Timeline stolen = new Timeline("media:someone-elses", PlaybackState.PLAYING, 0, System.currentTimeMillis(), 1.0,
          base.version() + 50);
      Timeline sameMedia = new Timeline(base.mediaId(), PlaybackState.PLAYING, 600_000, System.currentTimeMillis(), 1.0,
          base.version() + 50);
      long now = System.currentTimeMillis();
      for (PeerConnection link : mallorysLinks.made) {
        link.send(SyncFrames.encode(new SyncFrame.TimelineFrame(stolen, base.version(), "", "", "server")));
        link.send(seal.seal(new SyncFrame.TimelineFrame(sameMedia, base.version(), malId, malId, "seek")));
        link.send(seal.seal(new SyncFrame.TimelineFrame(sameMedia, base.version(), annId, "", "seek")));
        link.send(seal.seal(new SyncFrame.TimelineFrame(stolen, base.version() + 50, "", "", "server")));
        link.send(SyncFrames.encode(new SyncFrame.Chat("lforged0", annId, "Ann", "unsigned, as Ann", now)));
        link.send(seal.seal(new SyncFrame.Chat("lforged1", malId, "Ann (moderator)", "trust me", now)));
        link.send(seal.seal(new SyncFrame.Chat("lforged2", annId, "Ann", "I am Ann", now)));
      }

      for (Peer honest : List.of(ann, bob)) {
        // Mallory's frames come in the order she sent them, and "I am Ann" (refused) is the last of them: once it is
        // in the trace, every other has been judged. (Waiting for "trust me" alone left the last one unjudged at the
        // assertions now and then: 1 run in about 20, 2026-11-27.)
        within(SETTLE).until(() -> honest.sync().trace().stream().anyMatch(s -> s.contains("a chat line in another member's name"))
            && honest.lines().stream().anyMatch(l -> "lforged1".equals(l.lineId())));
        assertThat(honest.lines()).filteredOn(l -> "lforged1".equals(l.lineId()))
            .allSatisfy(l -> assertThat(l.name()).as("the name the server knows her by").isEqualTo("Mallory"));
        assertThat(honest.lines()).extracting(ServerMessage.ChatView::lineId).doesNotContain("lforged0", "lforged2");
        Timeline played = honest.client().timeline();
        assertThat(played.version()).as(honest.sync().trace().toString()).isEqualTo(base.version());
        assertThat(played.mediaId()).isEqualTo(base.mediaId());
        assertThat(honest.sync().trace()).anyMatch(s -> s.contains("dropped a frame from " + malId + ": not signed"))
            .anyMatch(s -> s.contains("refused the timeline of " + malId + ": the signer may not control playback"))
            .anyMatch(s -> s.contains("a timeline decided by another member"))
            .anyMatch(s -> s.contains("a chat line in another member's name"));
      }

      // The acting authority still decides for everyone: Ann's seek reaches all.
      ann.client().seek(42_000);
      // Told with every peer's trace and timeline: a clean-room run (2026-11-26) timed out here once, and the bare
      // timeout said nothing of which peer stayed behind.
      awaitOrTell(all, "Ann's seek on every peer (" + all.stream().map(p -> p.client().memberId() + " at "
          + p.client().timeline()).toList() + " before it)", () -> all.stream().allMatch(p ->
          p.client().timeline().anchorPositionMs() == 42_000 && p.client().timeline().version() == base.version() + 1));
    }
  }
}
