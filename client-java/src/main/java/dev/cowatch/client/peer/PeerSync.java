package dev.cowatch.client.peer;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.PeerSteering;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.peer.PeerAuthority;
import dev.cowatch.core.peer.PeerMode;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.PeerDecider;
import dev.cowatch.core.room.PeerDecision;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.PeerFrameGate;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.SyncFrame;
import dev.cowatch.protocol.Wire;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps the Java client's room playing in sync with its peers when the server is lost, the twin of
 * {@code web/src/p2p/peerSync.ts} (docs/protocol.md 3.12): notices the loss (socket closed, or no pong
 * for {@link #FALLBACK_AFTER_MS}), plays the acting authority's timeline on its clock, sends intents to
 * it (or decides them, when it is this member), relays chat, and hands the room back to the server
 * when it returns (PeerReturn). The rules are core's and shared with the web app by vectors ({@link PeerAuthority},
 * {@link PeerMode}, {@link PeerDecider}); this is the wiring.
 *
 * <p>Threads: one lock guards everything here and in the mesh; timers, the WebRTC stack's events and the
 * client's (but for the steering calls, which must answer at once) run on this object's own thread.
 */
public final class PeerSync implements PeerSteering, AutoCloseable {
  /** No pong for this long and the server counts as lost (four missed pings at one a second). */
  public static final long FALLBACK_AFTER_MS = 4_000;
  /** While a mesh is up the client pings at least this often, so a silent server is noticed in time. */
  static final long MESH_PING_MS = 1_000;
  /** Lines handed back one at a time, within the server's chat rate (a burst of 5, then one a second). */
  static final long HAND_BACK_LINE_MS = 1_100;
  private static final int TRACE_LINES = 50;

  private final CowatchClient client;
  private final Tolerances tolerances;
  private final ReentrantLock lock = new ReentrantLock();
  private final ScheduledExecutorService executor;
  private final PeerMesh mesh;
  private final PeerPartition partition = new PeerPartition();
  private final PeerMode mode = new PeerMode(partition::senior);
  private final FrameTrust trust = new FrameTrust();
  /** The envelope of the timeline played now, as its decider signed it: told again as it is (null: ours, or the server's). */
  private String toldTimeline;
  private final PeerChat chat;
  private final PeerReturn returning;
  private final Deque<String> trace = new ArrayDeque<>();

  private PeerSync(CowatchClient client, PeerConnector connector, Supplier<List<IceServer>> iceServers, Tolerances tolerances) {
    this.client = client;
    this.tolerances = tolerances;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cowatch-peers");
      t.setDaemon(true);
      return t;
    });
    ReturnSchedule schedule = new ReturnSchedule((task, ms) -> {
      ScheduledFuture<?> f = executor.schedule(() -> locked(task), ms, TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    });
    this.returning = new PeerReturn(client, mode, partition, schedule, this::backOnServer, this::note);
    this.mesh = new PeerMesh(new ClientMeshHost(client, iceServers), connector, new PeerMesh.Owner() {
      @Override
      public void frame(String from, PeerFrameGate.Accepted accepted) {
        PeerSync.this.frame(from, accepted);
      }

      @Override
      public void refused(String from, String why) {
        note("dropped a frame from " + from + ": " + why);
      }

      @Override
      public void opened(String peer) {
        note("channel to " + peer + " open");
        mesh.send(peer, helloFrame());
      }
    }, this::locked, executor, trust);
    this.chat = new PeerChat(client, mesh, executor, this::locked);
  }

  /** Puts {@code client} in its room's mesh; close it before the client. */
  public static PeerSync start(CowatchClient client, PeerConnector connector, Supplier<List<IceServer>> iceServers,
      Tolerances tolerances) {
    PeerSync sync = new PeerSync(client, connector, iceServers, tolerances);
    client.addListener(sync.listener());
    client.steer(sync);
    // The first watch at once: it asks for the credential of a client that joined before it was put in the mesh.
    sync.executor.scheduleAtFixedRate(() -> sync.locked(sync::watch), 0, 500, TimeUnit.MILLISECONDS);
    return sync;
  }

  @Override
  public void close() {
    client.steer(null);
    locked(() -> {
      returning.cancel();
      mesh.close();
    });
    executor.shutdownNow();
  }

  /** Whether this member plays by its peers now. */
  public boolean onPeers() {
    return read(() -> mode.mode() != PeerMode.Mode.SERVER);
  }

  /** The acting authority while the server is lost (null: nobody here may control). */
  public String authority() {
    return read(partition::authority);
  }

  /** The members whose sync channel is open. */
  public List<String> openPeers() {
    return read(mesh::open);
  }

  /** The round trip to an open peer, ms (NaN before its first pong). */
  public double peerRttMs(String peer) {
    return read(() -> {
      PeerMesh.Peer p = mesh.peer(peer);
      return p == null || !p.clock.hasEstimate() ? Double.NaN : p.clock.rttMs();
    });
  }

  /** Whether the server's credential for this session's key is in hand: until then peers' frames cannot be checked. */
  public boolean hasCredential() {
    return read(() -> trust.own() != null);
  }

  /**
   * The role the credential in hand vouches for (peers judge this member's frames by it, not by the server's member
   * list); empty without one. A member promoted a moment ago acts with its old role among peers until it renews.
   */
  public java.util.Optional<Role> credentialRole() {
    return read(() -> java.util.Optional.ofNullable(trust.own()).map(c -> c.role()));
  }

  /** The last things that happened here, oldest first (for tests and logs). */
  public List<String> trace() {
    return read(() -> List.copyOf(trace));
  }

  // ---- PeerSteering: how the client is steered ------------------------------------------------

  @Override
  public Verdict serverTimeline(Timeline t, boolean joined) {
    return read(() -> returning.serverTimeline(t, joined));
  }

  @Override
  public boolean intent(Intent.Control intent) {
    return read(() -> {
      if (mode.mode() == PeerMode.Mode.SERVER) return false;
      String me = client.memberId();
      String authority = partition.authority();
      note("intent " + intent + " as " + me + " to " + (authority == null ? "nobody" : authority));
      if (intent instanceof Intent.SetMedia || mode.mode() == PeerMode.Mode.RETURNING || me == null) {
        refuseHere("no_server", "this needs the server; it is coming back");
      } else if (authority == null) {
        refuseHere("not_allowed", "nobody here may control playback while the server is away");
      } else if (authority.equals(me)) {
        decide(me, partition.role(me), intent, null);
      } else {
        mesh.send(authority, new SyncFrame.IntentFrame(intent, newRef()));
      }
      return true;
    });
  }

  @Override
  public boolean chat(String text) {
    return read(() -> mode.mode() == PeerMode.Mode.PEERS && chat.write(text, name(client.memberId())));
  }

  // ---- the server lost and back ---------------------------------------------------------------

  private ClientListener listener() {
    return new ClientListener() {
      @Override
      public void onPresence(List<ServerMessage.MemberView> members) {
        later(() -> {
          for (ServerMessage.MemberView m : members) partition.roleFromServer(m.id(), PeerWire.role(m.role()));
          note("presence: " + members.stream().map(m -> m.id() + "/" + m.connection()).toList() + ", open " + mesh.open());
          mesh.update(members);
        });
      }

      @Override
      public void onSignal(ServerMessage.Signal signal) {
        later(() -> {
          note("signal " + signal.kind() + " from " + signal.from() + " (" + signal.purpose() + ")");
          mesh.signal(signal);
        });
      }

      @Override
      public void onConnection(boolean connected) {
        if (connected) {
          later(chat::handBack);
          // At once, not at the next watch: until it comes this member can neither speak to its peers nor check them.
          later(PeerSync.this::askForCredential);
        }
      }

      @Override
      public void onPeerCredential(ServerMessage.PeerCredentialIssued credential) {
        later(() -> {
          if (!trust.credential(credential)) {
            note("the server's peer credential does not check out");
            return;
          }
          note("peer credential until " + trust.own().expiresAtMs());
          // A channel that opened before the credential came heard no hello from us (nothing goes out unsealed).
          mesh.broadcast(helloFrame(), null);
        });
      }

      @Override
      public void onChat(ServerMessage message) {
        if (message instanceof ServerMessage.Chat c) later(() -> chat.delivered(c.message()));
      }

      @Override
      public void onError(ServerMessage.Error error) {
        later(() -> chat.refused(error));
      }
    };
  }

  private void watch() {
    askForCredential();
    client.pingAtLeastEvery(mesh.open().isEmpty() ? Long.MAX_VALUE : MESH_PING_MS);
    if (mesh.open().isEmpty() && mode.mode() == PeerMode.Mode.SERVER) return;
    boolean serverLost = client.dropIfSilent(FALLBACK_AFTER_MS);
    if (mode.mode() == PeerMode.Mode.SERVER && serverLost && client.timeline() != null) {
      mode.lose(client.timeline());
      returning.lost(client.memberId());
      note("lost the server at v" + mode.base());
      mesh.broadcast(helloFrame(), null);
      // Peers that play a newer one answer with it: a partition ends up on its newest timeline.
      if (mode.timeline().isPresent()) mesh.broadcast(timelineFrame("", "server"), null);
    }
    recompute();
  }

  /** A credential for this session's key when there is none, it is about to expire, or the room changed our role or name. */
  private void askForCredential() {
    String me = client.memberId();
    if (me == null || !client.isConnected()) return;
    ServerMessage.MemberView self = client.members().stream().filter(m -> m.id().equals(me)).findFirst().orElse(null);
    Role role = self == null ? null : PeerWire.role(self.role());
    if (trust.shouldAsk(Math.round(client.serverNowMs()), role, self == null ? null : self.name())) {
      client.peerKey(trust.publicKey());
    }
  }

  /** Back on the server's clock, and the peers are told (the hello says this member no longer plays by them). */
  private void backOnServer() {
    client.peerClockCorrection(0);
    mesh.broadcast(helloFrame(), null);
  }

  /** The partition: this member and the peers that also lost the server; its authority order. */
  private void recompute() {
    String me = client.memberId();
    if (me == null || mode.mode() == PeerMode.Mode.SERVER) {
      partition.clear();
      return;
    }
    if (mode.mode() == PeerMode.Mode.RETURNING) {
      // Back on the server's clock; the order stays the partition's, by the ids it knew.
      client.peerClockCorrection(0);
      return;
    }
    partition.recompute(me, mesh.open(), controlMode());
    String authority = partition.authority();
    PeerMesh.Peer p = authority == null || authority.equals(me) ? null : mesh.peer(authority);
    client.peerClockCorrection(p == null ? 0 : p.clock.offsetMs());
  }

  // ---- frames from peers ----------------------------------------------------------------------

  private SyncFrame helloFrame() {
    String me = client.memberId() == null ? "" : client.memberId();
    Timeline t = client.timeline();
    return new SyncFrame.Hello(me, partition.role(me), t == null ? 0 : t.version(),
        mode.mode() == PeerMode.Mode.PEERS);
  }

  private void frame(String from, PeerFrameGate.Accepted accepted) {
    SyncFrame f = accepted.frame();
    if (!(f instanceof SyncFrame.Chat)) note("frame from " + from + ": " + f);
    switch (f) {
      case SyncFrame.Hello h -> {
        partition.hello(from, h.role(), h.lost()); // the gate: for the signer, with its credential's role
        recompute();
      }
      case SyncFrame.IntentFrame i -> {
        if (client.memberId() != null && client.memberId().equals(partition.authority()) && mode.mode() == PeerMode.Mode.PEERS) {
          decide(from, accepted.signer().role(), i.intent(), i.ref());
        }
      }
      case SyncFrame.TimelineFrame t -> {
        // Only from a member the room's control mode lets control playback, and never another media (3.13).
        String refusal = PeerAuthority.timelineRefusal(accepted.signer().role(), controlMode(), t.timeline(), t.base(),
            t.by(), mode.timeline().orElse(null), mode.base()).orElse(null);
        if (refusal != null) {
          note("refused the timeline of " + accepted.signer().memberId() + ": " + refusal);
          return;
        }
        // From the acting authority, or from a peer answering with a newer one than ours: the newest wins.
        if (mode.peerTimeline(t.timeline(), t.base(), t.by())) {
          toldTimeline = t.by().isEmpty() ? null : accepted.envelope();
          client.adoptTimeline(t.timeline(), t.causeMemberId().isEmpty() ? null
              : new ServerMessage.CauseView(t.causeMemberId(), t.causeIntent(), null));
        } else if (mode.mode() == PeerMode.Mode.PEERS && mode.timeline().isPresent() && (t.base() != mode.base()
            || t.timeline().version() != mode.timeline().get().version() || !t.by().equals(mode.by()))) {
          tellTimeline(from); // ours is newer: it is told
        }
      }
      case SyncFrame.Refused r -> refuseHere(r.code(), "refused by the acting authority");
      case SyncFrame.Chat c -> chat.relay(from, c, accepted.envelope());
      default -> { }
    }
  }

  /** As the acting authority: the room's rules on the peer timeline, then everyone is told. */
  private void decide(String from, Role role, Intent.Control intent, String ref) {
    Timeline t = mode.timeline().orElse(null);
    if (t == null) return;
    note("decide " + intent + " from " + from + " on v" + t.version());
    PeerDecision d = PeerAuthority.mayControl(role, controlMode())
        ? PeerDecider.decide(t, intent, Math.round(client.serverNowMs()), mesh.maxRoundTripMs(), tolerances)
        : new PeerDecision.Refused(dev.cowatch.core.room.ErrorCode.NOT_ALLOWED,
            "your role does not let you control playback");
    switch (d) {
      case PeerDecision.Refused r -> {
        String code = r.code().name().toLowerCase(Locale.ROOT);
        if (ref == null) {
          refuseHere(code, r.message());
          return;
        }
        mesh.send(from, new SyncFrame.Refused(ref, code, t));
        tellTimeline(from);
      }
      case PeerDecision.Unchanged u -> { }
      case PeerDecision.Changed c -> {
        String me = client.memberId();
        if (!mode.peerTimeline(c.timeline(), mode.base(), me)) return;
        toldTimeline = null;
        String cause = PeerWire.causeName(intent);
        client.adoptTimeline(c.timeline(), new ServerMessage.CauseView(from, cause, null));
        mesh.broadcast(timelineFrame(from, cause), null);
      }
    }
  }

  /**
   * The timeline played now, to {@code to}: signed here when this member decided it or it is the server's
   * own, else as its decider signed it (nobody can sign another member's decision).
   */
  private void tellTimeline(String to) {
    if (mode.timeline().isEmpty()) return;
    if (toldTimeline != null && !mode.by().isEmpty() && !mode.by().equals(client.memberId())) {
      mesh.forward(to, toldTimeline);
    } else {
      mesh.send(to, timelineFrame("", "server"));
    }
  }

  private SyncFrame timelineFrame(String causeMemberId, String causeIntent) {
    return new SyncFrame.TimelineFrame(mode.timeline().orElseThrow(), mode.base(), mode.by(), causeMemberId, causeIntent);
  }

  // ---- small helpers --------------------------------------------------------------------------

  private ControlMode controlMode() {
    ServerMessage.RoomView room = client.room();
    try {
      return room == null ? ControlMode.MODERATORS : ControlMode.valueOf(Wire.constant(room.controlMode()));
    } catch (IllegalArgumentException e) {
      return ControlMode.MODERATORS; // a mode this client does not know: the narrower rule
    }
  }

  private String name(String memberId) {
    return client.members().stream().filter(m -> m.id().equals(memberId)).map(ServerMessage.MemberView::name).findFirst()
        .orElse("");
  }

  private void refuseHere(String code, String message) {
    client.tellListeners(new ServerMessage.Error(code, message, null, null));
  }

  static String newRef() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private void note(String what) {
    trace.addLast(System.currentTimeMillis() % 1_000_000 + " " + what);
    while (trace.size() > TRACE_LINES) trace.removeFirst();
  }

  private void later(Runnable r) {
    executor.execute(() -> locked(r));
  }

  private void locked(Runnable r) {
    lock.lock();
    try {
      r.run();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(PeerSync.class).warn("peer sync: {}", e.toString(), e);
    } finally {
      lock.unlock();
    }
  }

  private <T> T read(Supplier<T> s) {
    lock.lock();
    try {
      return s.get();
    } finally {
      lock.unlock();
    }
  }
}
