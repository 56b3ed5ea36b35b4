package dev.cowatch.client.peer;

import dev.cowatch.core.sync.ClockEstimator;
import dev.cowatch.core.sync.ClockSample;
import dev.cowatch.protocol.PeerFrameGate;
import dev.cowatch.protocol.PeerMeshRule;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.SyncFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The room's sync mesh on the Java client, the twin of {@code web/src/p2p/peerMesh.ts} (docs/protocol.md
 * 3.12): one connection with an ordered {@code sync} data channel to every other connected member while
 * the room has at most {@link SyncFrame#MAX_MESH} of them (the member whose id sorts first offers); it
 * carries frames, signed by their senders and checked by {@link FrameTrust} (docs/protocol.md 3.13),
 * and measures each peer's clock against this member's own server-time estimate. What the frames mean
 * is {@link PeerSync}'s business.
 *
 * <p>Threads: its owner calls it under the lock it shares with the mesh; the mesh's timers and the WebRTC
 * stack's events run on the executor, under that lock too.
 */
final class PeerMesh {
  static final int PING_BURST = 5;
  static final long PING_PERIOD_MS = 2_000;
  /** A failed or refused connection is tried again after this long (while both are in the room). */
  static final long RETRY_MS = 3_000;
  /** A link whose channel has not opened this long after it was made is made anew (a lost offer fails nothing). */
  static final long OPEN_WITHIN_MS = 15_000;

  /** What the mesh needs of the client. */
  interface Host extends PeerLink.SignalPort {
    String memberId();

    /** This member's own estimate of server time (without a peer correction): what it pings with. */
    double ownServerNowMs();

    /** The estimate it plays by (with the acting authority's correction): what it answers pings with. */
    double serverNowMs();

    List<IceServer> iceServers();
  }

  /** What the mesh tells its owner; called under the lock. */
  interface Owner {
    /** A frame that passed the gate ({@link FrameTrust}): its signer and the envelope to pass on are in {@code accepted}. */
    void frame(String from, PeerFrameGate.Accepted accepted);

    /** A text from {@code from} the gate dropped, and why (for the trace). */
    default void refused(String from, String why) {}

    /** The channel to {@code peer} opened. */
    void opened(String peer);
  }

  /** A peer whose link exists; {@code open} once its channel is. */
  static final class Peer {
    final String id;
    final PeerLink link;
    final long madeAtMs;
    ClockEstimator clock = new ClockEstimator(16, 4);
    boolean open;
    int frames;
    long second;

    Peer(String id, PeerLink link, long madeAtMs) {
      this.id = id;
      this.link = link;
      this.madeAtMs = madeAtMs;
    }
  }

  private final Host host;
  private final PeerConnector connector;
  private final Owner owner;
  /** Runs a task under the lock PeerSync shares with the mesh. */
  private final Consumer<Runnable> locked;
  private final ScheduledExecutorService executor;
  private final FrameTrust trust;
  private final Map<String, Peer> peers = new HashMap<>();
  private final Map<String, Long> retryAt = new HashMap<>();
  private List<ServerMessage.MemberView> members = List.of();
  private boolean closed;

  PeerMesh(Host host, PeerConnector connector, Owner owner, Consumer<Runnable> locked, ScheduledExecutorService executor,
      FrameTrust trust) {
    this.trust = trust;
    this.host = host;
    this.connector = connector;
    this.owner = owner;
    this.locked = locked;
    this.executor = executor;
    executor.scheduleAtFixedRate(() -> locked.accept(this::tick), PING_PERIOD_MS, PING_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * How many members the mesh would join: this one and the other connected members of Cowatch's own
   * apps (others, such as Syncplay's, speak no WebRTC). Above MAX_MESH there is no mesh.
   */
  static int meshSize(List<ServerMessage.MemberView> members, String me) {
    return PeerMeshRule.size(seats(members), me);
  }

  static List<PeerMeshRule.Seat> seats(List<ServerMessage.MemberView> members) {
    return members.stream().map(m -> new PeerMeshRule.Seat(m.id(), m.client() == null, "connected".equals(m.connection()))).toList();
  }

  /** The room's members changed: connect to new ones, drop those gone. Under the lock. */
  void update(List<ServerMessage.MemberView> now) {
    members = List.copyOf(now);
    String me = host.memberId();
    boolean meshed = meshSize(now, me) <= SyncFrame.MAX_MESH;
    // A member that lost the server is still listed (its reconnect grace): its link is what keeps it in
    // step now, so it stays; new links are only made with members the server can signal to.
    Set<String> keep = new HashSet<>();
    if (meshed) for (ServerMessage.MemberView m : now) if (m.client() == null && !m.id().equals(me)) keep.add(m.id());
    for (String id : new ArrayList<>(peers.keySet())) if (!keep.contains(id)) drop(id, true);
    if (me == null || !meshed || closed) return;
    long nowMs = System.currentTimeMillis();
    List<PeerMeshRule.Seat> seats = seats(now);
    for (ServerMessage.MemberView m : now) {
      if (!peers.containsKey(m.id()) && PeerMeshRule.pairs(seats, me, m.id()) && retryAt.getOrDefault(m.id(), 0L) <= nowMs) {
        offer(m.id());
      }
    }
  }

  /** The peers whose channel is open. */
  List<String> open() {
    return peers.values().stream().filter(p -> p.open).map(p -> p.id).sorted().toList();
  }

  Peer peer(String id) {
    return peers.get(id);
  }

  /** The largest round trip to an open peer (0 before any answered). */
  double maxRoundTripMs() {
    return peers.values().stream().filter(p -> p.open && p.clock.hasEstimate()).mapToDouble(p -> p.clock.rttMs()).max().orElse(0);
  }

  /** Signed by this member; nothing goes out before it has a credential (docs/protocol.md 3.13). */
  void send(String to, SyncFrame frame) {
    Peer p = peers.get(to);
    if (p == null || !p.open) return;
    String text = trust.seal(frame);
    if (text != null) p.link.send(text);
  }

  /** One signed envelope to every open peer but {@code except}. */
  void broadcast(SyncFrame frame, String except) {
    String text = trust.seal(frame);
    if (text != null) pass(text, except);
  }

  /** Another member's envelope, as it came, to {@code to} (a timeline it decided, told again). */
  void forward(String to, String envelope) {
    Peer p = peers.get(to);
    if (p != null && p.open) p.link.send(envelope);
  }

  /** Another member's envelope, as it came, to every open peer but {@code except} (a relayed chat line). */
  void pass(String envelope, String except) {
    for (String id : open()) if (!id.equals(except)) forward(id, envelope);
  }

  void close() {
    closed = true;
    for (String id : new ArrayList<>(peers.keySet())) drop(id, true);
  }

  /** A signal from another member (any purpose; only {@code sync} ones concern the mesh). */
  void signal(ServerMessage.Signal s) {
    if (closed || !SyncFrame.SYNC_PURPOSE.equals(s.purpose())) return;
    Peer existing = peers.get(s.from());
    if (!"offer".equals(s.kind())) {
      if (existing != null && existing.link.session.equals(s.session())) existing.link.handle(s);
      return;
    }
    // Answering shows the offerer this member's addresses: only the member the mesh pairs it with gets an
    // answer (the server relays no other offer either; this holds if it did).
    String me = host.memberId();
    if (me == null || !PeerMeshRule.pairs(seats(members), s.from(), me)) {
      host.signal(s.from(), s.session(), s.purpose(), "refuse", "not-in-mesh");
      return;
    }
    if (existing != null) drop(s.from(), false); // a new connection from that peer replaces the old one
    Peer p = link(s.from(), s.session(), false);
    p.link.answer(s.payload());
  }

  private void offer(String peer) {
    link(peer, UUID.randomUUID().toString().replace("-", "").substring(0, 16), true).link.offer(SyncFrame.SYNC_PURPOSE);
  }

  private Peer link(String id, String session, boolean offerer) {
    Peer[] self = new Peer[1];
    PeerConnection.Events events = new PeerConnection.Events() {
      @Override
      public void localDescription(String sdp) {
        later(self, p -> p.link.sendDescription(offerer, sdp));
      }

      @Override
      public void candidate(PeerConnection.Candidate c) {
        later(self, p -> p.link.sendCandidate(c));
      }

      @Override
      public void open() {
        later(self, PeerMesh.this::opened);
      }

      @Override
      public void message(String text) {
        later(self, p -> receive(p, text));
      }

      @Override
      public void ended(String why) {
        later(self, p -> drop(p.id, false));
      }
    };
    PeerConnection connection = connector.connect(host.iceServers(), events);
    PeerLink link = new PeerLink(id, session, SyncFrame.SYNC_PURPOSE, host, connection, () -> later(self, p -> drop(p.id, false)));
    self[0] = new Peer(id, link, System.currentTimeMillis());
    peers.put(id, self[0]);
    return self[0];
  }

  /** Runs {@code action} on the executor under the lock, if the peer is still the one its link was made for. */
  private void later(Peer[] self, java.util.function.Consumer<Peer> action) {
    executor.execute(() -> locked.accept(() -> {
      Peer p = self[0];
      if (p != null && peers.get(p.id) == p) action.accept(p);
    }));
  }

  private void opened(Peer p) {
    if (p.open) return;
    p.open = true;
    for (int i = 0; i < PING_BURST; i++) executor.schedule(() -> locked.accept(() -> ping(p.id)), i * 100L, TimeUnit.MILLISECONDS);
    owner.opened(p.id);
  }

  private void receive(Peer p, String text) {
    long second = System.currentTimeMillis() / 1000;
    if (second != p.second) {
      p.second = second;
      p.frames = 0;
    }
    if (++p.frames > SyncFrame.MAX_FRAMES_PER_SECOND) {
      drop(p.id, true); // a flooding peer is hung up on; it may connect again later
      return;
    }
    PeerFrameGate.Accepted accepted;
    switch (trust.open(p.id, text, Math.round(host.serverNowMs()))) {
      case PeerFrameGate.Refused r -> {
        owner.refused(p.id, r.why());
        return;
      }
      case PeerFrameGate.Accepted a -> accepted = a;
    }
    switch (accepted.frame()) {
      case SyncFrame.Ping ping -> {
        double now = host.serverNowMs();
        send(p.id, new SyncFrame.Pong(ping.t0(), now, now));
      }
      case SyncFrame.Pong pong -> p.clock = p.clock.add(ClockSample.of(pong.t0(), pong.t1(), pong.t2(), host.ownServerNowMs()));
      default -> owner.frame(p.id, accepted);
    }
  }

  private void ping(String id) {
    send(id, new SyncFrame.Ping(host.ownServerNowMs()));
  }

  private void tick() {
    if (closed) return;
    for (String id : open()) ping(id);
    long now = System.currentTimeMillis();
    for (Peer p : new ArrayList<>(peers.values())) if (!p.open && now - p.madeAtMs > OPEN_WITHIN_MS) drop(p.id, false);
    update(members); // retry connections that failed
  }

  private void drop(String id, boolean hangUp) {
    Peer p = peers.remove(id);
    if (p != null) p.link.close();
    if (!hangUp) retryAt.put(id, System.currentTimeMillis() + RETRY_MS);
  }

}
