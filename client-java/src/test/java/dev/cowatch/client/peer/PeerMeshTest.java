package dev.cowatch.client.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.core.room.Role;
import dev.cowatch.protocol.PeerCredential;
import dev.cowatch.protocol.PeerFrameGate;
import dev.cowatch.protocol.PeerKeys;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.SyncFrame;
import dev.cowatch.protocol.SyncFrames;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client's mesh with fake connections: who it offers to, what it answers, whom it hangs up on,
 * and that it takes only frames signed by a member the server vouched for (docs/protocol.md 3.13).
 */
class PeerMeshTest {
  private static final KeyPair SERVER = PeerKeys.fromSeed(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
  private final FrameTrust trust = vouched(new FrameTrust(), "m-b", SERVER);
  /** The peer m-a, as the test plays it. */
  private final FrameTrust ann = vouched(new FrameTrust(), "m-a", SERVER);
  private final List<String> refused = new CopyOnWriteArrayList<>();

  /** {@code t} with a credential for {@code member} signed by {@code server}. */
  static FrameTrust vouched(FrameTrust t, String member, KeyPair server) {
    PeerCredential c = new PeerCredential("r-1", member, member, Role.GUEST, 3_600_000, t.publicKey());
    assertThat(t.credential(new ServerMessage.PeerCredentialIssued(c.text(), c.sign(server.getPrivate()),
        PeerKeys.encode(server.getPublic())))).isTrue();
    return t;
  }
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> signals = new CopyOnWriteArrayList<>();
  private final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
  private final List<String> frames = new CopyOnWriteArrayList<>();

  /** A connection that records what is sent on it; the test plays its peer through {@code events}. */
  private static final class FakeConnection implements PeerConnection {
    final Events events;
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    FakeConnection(Events events) {
      this.events = events;
    }

    @Override
    public void offer(String label) {
      calls.add("offer " + label);
      events.localDescription("v=0 offer");
    }

    @Override
    public void answer(String offerSdp) {
      calls.add("answer " + offerSdp);
      events.localDescription("v=0 answer");
    }

    @Override
    public void answered(String answerSdp) {
      calls.add("answered");
    }

    @Override
    public void addCandidate(Candidate candidate) {}

    @Override
    public boolean send(String text) {
      sent.add(text);
      return true;
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  private final PeerMesh mesh = new PeerMesh(new PeerMesh.Host() {
    @Override
    public boolean signal(String to, String session, String purpose, String kind, String payload) {
      signals.add(to + " " + purpose + " " + kind);
      return true;
    }

    @Override
    public String memberId() {
      return "m-b";
    }

    @Override
    public double ownServerNowMs() {
      return 1_000;
    }

    @Override
    public double serverNowMs() {
      return 1_250; // with the acting authority's correction
    }

    @Override
    public List<IceServer> iceServers() {
      return List.of();
    }
  }, (ice, events) -> {
    FakeConnection c = new FakeConnection(events);
    connections.add(c);
    return c;
  }, new PeerMesh.Owner() {
    @Override
    public void frame(String from, PeerFrameGate.Accepted accepted) {
      frames.add(from + " " + accepted.frame().getClass().getSimpleName());
    }

    @Override
    public void refused(String from, String why) {
      refused.add(from + ": " + why);
    }

    @Override
    public void opened(String peer) {
      frames.add(peer + " opened");
    }
  }, this::locked, executor, trust);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private void locked(Runnable r) {
    lock.lock();
    try {
      r.run();
    } finally {
      lock.unlock();
    }
  }

  private static ServerMessage.MemberView member(String id, String connection, String client) {
    return new ServerMessage.MemberView(id, "u-" + id, id, "guest", connection, "ready", null, null, client);
  }

  @Test
  void meshSize_countsConnectedMembersOfCowatchsOwnApps_andNineHaveNoMesh() {
    List<ServerMessage.MemberView> members = new ArrayList<>(List.of(member("m-a", "connected", null),
        member("m-b", "connected", null), member("m-c", "disconnected", null), member("m-d", "connected", "syncplay")));
    assertThat(PeerMesh.meshSize(members, "m-a")).isEqualTo(2);
    for (int i = 0; i < 8; i++) members.add(member("m-x" + i, "connected", null));
    assertThat(PeerMesh.meshSize(members, "m-a")).isEqualTo(10).isGreaterThan(SyncFrame.MAX_MESH);
    locked(() -> mesh.update(members.stream().map(m -> member(m.id(), "connected", m.client())).toList()));
    assertThat(connections).as("no mesh above eight").isEmpty();
  }

  @Test
  void offersOnlyToMembersWhoseIdSortsAfterItsOwn() {
    locked(() -> mesh.update(List.of(member("m-a", "connected", null), member("m-b", "connected", null),
        member("m-c", "connected", null), member("m-d", "connected", "syncplay"))));
    await().atMost(Duration.ofSeconds(2)).until(() -> signals.contains("m-c sync offer"));
    assertThat(signals).noneMatch(s -> s.startsWith("m-a") || s.startsWith("m-d"));
    assertThat(connections).hasSize(1);
  }

  @Test
  void answersAnOffer_answersPingsWithItsEstimate_andLearnsThePeersClockFromPongs() {
    locked(() -> mesh.update(List.of(member("m-a", "connected", null), member("m-b", "connected", null))));
    locked(() -> mesh.signal(new ServerMessage.Signal("m-a", "Ann", "s1", "sync", "offer", "{\"sdp\":\"v=0 offer\"}")));
    await().atMost(Duration.ofSeconds(2)).until(() -> signals.contains("m-a sync answer"));
    FakeConnection c = connections.getFirst();
    assertThat(c.calls).containsExactly("answer v=0 offer");
    c.events.open();
    await().atMost(Duration.ofSeconds(2)).until(() -> frames.contains("m-a opened"));
    await().atMost(Duration.ofSeconds(2)).until(() -> c.sent.size() >= 5); // the burst of pings

    c.events.message(ann.seal(new SyncFrame.Ping(500)));
    c.events.message(ann.seal(new SyncFrame.Pong(990, 1_100, 1_100)));
    c.events.message(ann.seal(new SyncFrame.Hello("m-a", Role.GUEST, 3, true)));
    c.events.message("{not a frame");
    await().atMost(Duration.ofSeconds(2)).until(() -> frames.contains("m-a Hello"));
    assertThat(c.sent.stream().map(text -> ann.open("m-b", text, 1_250)).filter(PeerFrameGate.Accepted.class::isInstance)
        .map(a -> ((PeerFrameGate.Accepted) a).frame())).contains(new SyncFrame.Pong(500, 1_250, 1_250));
    lock.lock();
    try {
      assertThat(mesh.peer("m-a").clock.offsetMs()).as("its estimate 105 ms ahead of ours: (110 + 100) / 2").isCloseTo(105, org.assertj.core.data.Offset.offset(1.0));
      assertThat(mesh.open()).containsExactly("m-a");
    } finally {
      lock.unlock();
    }
  }

  @Test
  void aFloodingPeer_isHungUpOn() {
    locked(() -> mesh.update(List.of(member("m-a", "connected", null), member("m-b", "connected", null))));
    locked(() -> mesh.signal(new ServerMessage.Signal("m-a", "Ann", "s1", "sync", "offer", "{\"sdp\":\"v=0 offer\"}")));
    await().atMost(Duration.ofSeconds(2)).until(() -> !connections.isEmpty());
    FakeConnection c = connections.getFirst();
    c.events.open();
    // Sealed first (signing takes time on a busy machine), and twice the limit and more: the count is per calendar
    // second, so a burst that straddles a second's edge still puts more than the limit into one of them.
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < 2 * SyncFrame.MAX_FRAMES_PER_SECOND + 2; i++) burst.add(ann.seal(new SyncFrame.Hello("m-a", Role.GUEST, 3, false)));
    burst.forEach(c.events::message);
    await().atMost(Duration.ofSeconds(2)).until(() -> c.calls.contains("close"));
    assertThat(signals).contains("m-a sync hangup");
  }

  @Test
  void refusesAnOfferTheMeshDidNotChoose_withoutMakingAConnection() {
    ServerMessage.Signal fromCy = new ServerMessage.Signal("m-c", "Cy", "s2", "sync", "offer", "{\"sdp\":\"v=0 offer\"}");
    ServerMessage.Signal fromStranger = new ServerMessage.Signal("m-0", "Zed", "s3", "sync", "offer", "{\"sdp\":\"v=0 offer\"}");
    // m-b offers m-c itself (its id sorts first): m-c's offer would make m-b answer on m-c's terms.
    locked(() -> mesh.update(List.of(member("m-b", "connected", null), member("m-c", "connected", null))));
    locked(() -> mesh.signal(fromCy));
    locked(() -> mesh.signal(fromStranger));
    await().atMost(Duration.ofSeconds(2)).until(() -> signals.contains("m-c sync offer"));
    assertThat(signals).contains("m-c sync refuse", "m-0 sync refuse").noneMatch(s -> s.endsWith("answer"));
    assertThat(connections).as("only its own offer to m-c").hasSize(1);
    assertThat(connections.getFirst().calls).noneMatch(c -> c.startsWith("answer"));
  }

  @Test
  void refusesEveryOfferInARoomOverTheMeshSize() {
    List<ServerMessage.MemberView> nine = new ArrayList<>();
    for (String id : List.of("m-a", "m-b", "m-c", "m-d", "m-e", "m-f", "m-g", "m-h", "m-i")) nine.add(member(id, "connected", null));
    locked(() -> mesh.update(nine));
    locked(() -> mesh.signal(new ServerMessage.Signal("m-a", "Ann", "s1", "sync", "offer", "{\"sdp\":\"v=0 offer\"}")));
    assertThat(signals).containsExactly("m-a sync refuse");
    assertThat(connections).isEmpty();
  }

  /** Before issue 51 any JSON frame counted: a peer could speak for anyone (docs/protocol.md 3.13). */
  @Test
  void framesWithoutTheServersWordForTheirSigner_areDropped_andNoneIsSentBeforeItHasACredential() {
    locked(() -> mesh.update(List.of(member("m-a", "connected", null), member("m-b", "connected", null))));
    locked(() -> mesh.signal(new ServerMessage.Signal("m-a", "Ann", "s1", "sync", "offer", "{\"sdp\":\"v=0 offer\"}")));
    await().atMost(Duration.ofSeconds(2)).until(() -> !connections.isEmpty());
    FakeConnection c = connections.getFirst();
    c.events.open();
    KeyPair otherServer = PeerKeys.fromSeed(new byte[32]);
    FrameTrust selfMade = vouched(new FrameTrust(), "m-a", otherServer);

    c.events.message(SyncFrames.encode(new SyncFrame.Hello("m-a", Role.OWNER, 3, true)));
    c.events.message(selfMade.seal(new SyncFrame.Hello("m-a", Role.OWNER, 3, true)));
    c.events.message(ann.seal(new SyncFrame.Hello("m-c", Role.GUEST, 3, true)));
    String once = ann.seal(new SyncFrame.Hello("m-a", Role.OWNER, 3, true));
    c.events.message(once);
    c.events.message(once);

    await().atMost(Duration.ofSeconds(2)).until(() -> refused.size() == 4);
    assertThat(refused).containsExactly("m-a: not signed", "m-a: the credential is not the server's",
        "m-a: a hello for another member", "m-a: sequence number 2 seen before");
    assertThat(frames).containsExactly("m-a opened", "m-a Hello");
    FrameTrust unvouched = new FrameTrust();
    assertThat(unvouched.seal(new SyncFrame.Ping(1))).as("no credential, nothing to send").isNull();
  }
}
