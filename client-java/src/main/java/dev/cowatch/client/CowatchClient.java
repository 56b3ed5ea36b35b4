package dev.cowatch.client;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A member of one room: connects, keeps the server clock estimate, tracks the timeline and the
 * members, sends intents with the version it saw, and reconnects with its resume token when the
 * connection drops. A facade over {@link RoomConnection} (connection, hello, resume),
 * {@link ClockPinger} (clock sync), {@link RoomMirror} (the room's state), {@link Intents} (what it
 * asks) and {@link Inbound} (which of them a message concerns).
 *
 * <p>Thread-safe: any method from any thread. Each part keeps its own lock and none calls another
 * part or a listener while holding it, so there is no lock order to keep. Listeners are called on the
 * transport's thread (a lost connection: on whichever thread saw it end); see {@link ClientListener}.
 */
public final class CowatchClient implements AutoCloseable {
  private final ClientClock clock;
  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
  private final RoomConnection connection;
  private final ClockPinger pinger;
  private final RoomMirror mirror;
  private final Intents intents;
  private final Inbound inbound;
  /** What the acting authority's clock differs from this client's estimate by, while the room plays on its peers. */
  private volatile double peerClockCorrectionMs;

  private CowatchClient(Builder b) {
    this.clock = b.clock;
    JsonCodec codec = new JsonCodec();
    Scheduler scheduler = Scheduler.of(b.scheduler);
    this.connection = new RoomConnection(socketUri(b.baseUri, b.roomId), b.name, b.accessToken, b.transport,
        scheduler, codec, new RoomConnection.Events() {
          @Override
          public void onText(String text) {
            inbound.onText(text);
          }

          @Override
          public void opened() {
            pinger.start();
          }

          @Override
          public void lost() {
            pinger.cancel();
            for (ClientListener l : listeners) l.onConnection(false);
          }
        });
    this.pinger = new ClockPinger(b.tolerances, clock, scheduler, connection);
    this.mirror = new RoomMirror(listeners);
    this.intents = new Intents(mirror, connection);
    this.inbound = new Inbound(clock, codec, connection, mirror, pinger, listeners);
  }

  /** {@code http://host:port} becomes {@code ws://host:port/ws/rooms/{roomId}} (https: wss). */
  static URI socketUri(URI baseUri, String roomId) {
    String scheme = switch (baseUri.getScheme()) {
      case "http", "ws" -> "ws";
      case "https", "wss" -> "wss";
      default -> throw new IllegalArgumentException("server address must be http(s) or ws(s): " + baseUri);
    };
    return URI.create(scheme + "://" + baseUri.getRawAuthority() + "/ws/rooms/" + roomId);
  }

  public static Builder builder(URI baseUri, String roomId, ScheduledExecutorService scheduler) {
    return new Builder(baseUri, roomId, scheduler);
  }

  /** Connects and says hello; completes when the room has answered with {@code joined}. */
  public CompletableFuture<Void> connect() {
    return connection.connect();
  }

  public void addListener(ClientListener listener) {
    listeners.add(listener);
  }

  public String memberId() {
    return mirror.memberId();
  }

  public Timeline timeline() {
    return mirror.timeline();
  }

  public ServerMessage.RoomView room() {
    return mirror.room();
  }

  /** The subtitle track the room shows (from {@code joined}, then {@code subtitle}); null for none. */
  public String subtitle() {
    return mirror.subtitle();
  }

  /**
   * The members the room lists (in a room of more than 100, its owner, moderators and those not ready)
   * and this client's own member.
   */
  public List<ServerMessage.MemberView> members() {
    return mirror.members().listed();
  }

  /** Every member of the room, listed or not. */
  public int memberCount() {
    return mirror.members().count();
  }

  public boolean isConnected() {
    // The member id, once known, is never cleared, so reading it apart from the connection is safe.
    return connection.isJoined() && mirror.memberId() != null;
  }

  public ClientClock localClock() {
    return clock;
  }

  /** Add to the local clock to get server time (the room's: on its peers, the acting authority's estimate of it). */
  public double clockOffsetMs() {
    return pinger.offsetMs() + peerClockCorrectionMs;
  }

  public double rttMs() {
    return pinger.rttMs();
  }

  /** How far the clock offset may be off, from its samples' spread (sizes the sync dead band). */
  public double clockUncertaintyMs() {
    return pinger.uncertaintyMs();
  }

  /** Enough clock samples for the estimate to be trusted (one burst's worth). */
  public boolean clockSynced() {
    return pinger.synced();
  }

  public double serverNowMs() {
    return clock.nowMs() + clockOffsetMs();
  }

  // ---- for the peer mesh (dev.cowatch.client.peer, docs/protocol.md 3.12) -------------------------

  /** This client's own estimate of server time, without a peer correction. */
  public double ownServerNowMs() {
    return clock.nowMs() + pinger.offsetMs();
  }

  /** While the room plays on its peers: the acting authority's clock minus this client's own estimate. */
  public void peerClockCorrection(double ms) {
    peerClockCorrectionMs = ms;
  }

  /** Hands the choice of timelines, intents and chat to the peers' steering (null: the server alone). */
  public void steer(PeerSteering steering) {
    mirror.steer(steering);
  }

  /** Plays a timeline the peers decided (or the server's, taken as it is): not an intent. */
  public void adoptTimeline(Timeline t, ServerMessage.CauseView cause) {
    mirror.adopt(t, cause);
  }

  /** Sends a signal to another member (docs/protocol.md 3.11); false when not connected. */
  public boolean signal(String to, String session, String purpose, String kind, String payload) {
    return connection.send(new ClientMessage.Signal(to, session, purpose, kind, payload, null));
  }

  /** Asks the server for a peer credential for {@code key} (docs/protocol.md 3.13); false when not connected. */
  public boolean peerKey(String key) {
    return connection.send(new ClientMessage.PeerKey(key));
  }

  /** Hands the peers' timeline to the server; false when not connected. */
  public boolean handBack(ClientMessage.HandBack message) {
    return connection.send(message);
  }

  /** A chat line written while the server was lost, sent under the id the peers knew it by. */
  public boolean chatLine(String text, String lineId) {
    return intents.chat(text, lineId);
  }

  /**
   * A connection that has not heard from the server for {@code silentMs} is let go (the client
   * reconnects); true when the server counts as lost, silent or not connected.
   */
  public boolean dropIfSilent(long silentMs) {
    if (!connection.isJoined()) return true;
    if (pinger.silentForMs() < silentMs) return false;
    connection.drop();
    return true;
  }

  /** Pings the server at least this often (Long.MAX_VALUE: as clock sync wants). */
  public void pingAtLeastEvery(long ms) {
    pinger.ceiling(ms);
  }

  /** Tells the listeners something that did not come from the server (the peers' chat and refusals). */
  public void tellListeners(ServerMessage message) {
    for (ClientListener l : listeners) {
      switch (message) {
        case ServerMessage.Error e -> l.onError(e);
        default -> l.onChat(message);
      }
    }
  }

  /** Where the room's video is right now, by this client's estimate of the server clock. */
  public double expectedPositionMs() {
    Timeline t = timeline();
    return t == null ? 0 : t.positionAt(serverNowMs());
  }

  /** Intents that change the timeline sent so far (play, pause, seek, rate, media). */
  public long controlIntentsSent() {
    return intents.controlSent();
  }

  /** The last control intents sent (at most 16), oldest first: what this client told the room lately. */
  public List<Intent.Control> recentControlIntents() {
    return intents.recentControl();
  }

  public void play() {
    intents.play();
  }

  public void pause(Long shownPositionMs) {
    intents.pause(shownPositionMs);
  }

  public void seek(long positionMs) {
    intents.seek(positionMs);
  }

  public void setRate(double rate) {
    intents.setRate(rate);
  }

  public void setMedia(String mediaId) {
    intents.setMedia(mediaId);
  }

  public void buffering() {
    intents.buffering();
  }

  public void ready() {
    intents.ready();
  }

  public void report(double driftMs, double rttMs) {
    intents.report(driftMs, rttMs, Corrections.NONE, 0);
  }

  /** A health report with the corrections the player made since the previous one. */
  public void report(double driftMs, double rttMs, Corrections corrections) {
    intents.report(driftMs, rttMs, corrections, 0);
  }

  /** A health report with the corrections the player made since the previous one, and the viewer's sound delay. */
  public void report(double driftMs, double rttMs, Corrections corrections, int soundDelayMs) {
    intents.report(driftMs, rttMs, corrections, soundDelayMs);
  }

  /** Chooses the room's subtitle track (a track id of the room's media), or none with null. */
  public void subtitle(String track) {
    intents.subtitle(track);
  }

  /** Sends a chat line. */
  public void chat(String text) {
    intents.chat(text);
  }

  /** Sends raw text, bypassing the codec; for tests of the server's handling of bad input. */
  public void sendRaw(String text) {
    connection.sendRaw(text);
  }

  /** Drops the connection without a goodbye, as a network failure would; the client reconnects. */
  public void dropConnection() {
    connection.drop();
  }

  /** Leaves the room for good. */
  @Override
  public void close() {
    // Pings stop first, so none follows the bye.
    pinger.stop();
    connection.close();
  }

  /** Options of a client; defaults are the real WebSocket, the system clock and default tolerances. */
  public static final class Builder {
    private final URI baseUri;
    private final String roomId;
    private final ScheduledExecutorService scheduler;
    private String name = "viewer";
    private String accessToken;
    private ClientClock clock = ClientClock.system();
    private Transport transport = new WebSocketTransport();
    private Tolerances tolerances = Tolerances.DEFAULTS;

    private Builder(URI baseUri, String roomId, ScheduledExecutorService scheduler) {
      this.baseUri = baseUri;
      this.roomId = roomId;
      this.scheduler = scheduler;
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** Joins as the account or guest this access token belongs to (default: an anonymous guest). */
    public Builder accessToken(String value) {
      this.accessToken = value;
      return this;
    }

    public Builder clock(ClientClock value) {
      this.clock = value;
      return this;
    }

    public Builder transport(Transport value) {
      this.transport = value;
      return this;
    }

    public Builder tolerances(Tolerances value) {
      this.tolerances = value;
      return this;
    }

    public CowatchClient build() {
      return new CowatchClient(this);
    }
  }
}
