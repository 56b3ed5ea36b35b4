package dev.cowatch.client;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.sync.ClockSample;
import dev.cowatch.core.sync.ClockSync;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ProtocolException;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.Wire;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of one room: connects, keeps the server clock estimate, tracks the timeline and the
 * members, sends intents with the version it saw, and reconnects with its resume token when the
 * connection drops. Thread-safe.
 */
public final class CowatchClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CowatchClient.class);
  static final long MAX_BACKOFF_MS = 5_000;
  /**
   * Closes after which coming back would not help: the protocol's final ones and, since this client's
   * token is fixed for its life, 4401 too (a client that can renew its token retries with the new one).
   */
  static final java.util.Set<Integer> FINAL_CLOSES = java.util.stream.Stream.concat(CloseCodes.FINAL.stream(),
      java.util.stream.Stream.of(CloseCodes.UNAUTHORIZED)).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final URI socketUri;
  private final String name;
  /** Access token of an account or guest session; null joins as an anonymous guest. */
  private final String accessToken;
  private final ClientClock clock;
  private final Transport transport;
  private final ScheduledExecutorService scheduler;
  private final JsonCodec codec = new JsonCodec();
  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong controlIntentsSent = new AtomicLong();
  private final Object lock = new Object();

  // Guarded by lock.
  private Transport.Connection connection;
  private CompletableFuture<Void> joined = new CompletableFuture<>();
  private final ClockSync clockSync;
  private Timeline timeline;
  private RoomMembers members = RoomMembers.NONE;
  private ServerMessage.RoomView room;
  private String subtitle;
  private String memberId;
  private String resumeToken;
  private boolean closing;
  private int reconnectAttempt;
  private ScheduledFuture<?> pinger;

  private CowatchClient(Builder b) {
    this.socketUri = socketUri(b.baseUri, b.roomId);
    this.name = b.name;
    this.accessToken = b.accessToken;
    this.clock = b.clock;
    this.transport = b.transport;
    this.scheduler = b.scheduler;
    this.clockSync = new ClockSync(b.tolerances);
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
    CompletableFuture<Void> result;
    synchronized (lock) {
      result = joined;
      // A reconnect scheduled before close() must not bring the member back as a ghost.
      if (closing) {
        result.completeExceptionally(new IllegalStateException("the client is closed"));
        return result;
      }
    }
    transport.connect(socketUri, new Handler()).whenComplete((c, error) -> {
      if (error != null) {
        connectionLost(1006, "connect failed: " + error.getMessage());
        return;
      }
      boolean closedMeanwhile;
      synchronized (lock) {
        closedMeanwhile = closing;
        if (!closedMeanwhile) {
          connection = c;
          clockSync.connected();
        }
      }
      if (closedMeanwhile) {
        c.close(CloseCodes.NORMAL, "bye");
        return;
      }
      c.send(codec.encode(new ClientMessage.Hello(JsonCodec.PROTOCOL_VERSION, name, resumeToken(), accessToken)));
      schedulePing(0);
    });
    return result;
  }

  public void addListener(ClientListener listener) {
    listeners.add(listener);
  }

  public String memberId() {
    synchronized (lock) {
      return memberId;
    }
  }

  String resumeToken() {
    synchronized (lock) {
      return resumeToken;
    }
  }

  public Timeline timeline() {
    synchronized (lock) {
      return timeline;
    }
  }

  public ServerMessage.RoomView room() {
    synchronized (lock) {
      return room;
    }
  }

  /** The subtitle track the room shows (from {@code joined}, then {@code subtitle}); null for none. */
  public String subtitle() {
    synchronized (lock) {
      return subtitle;
    }
  }

  /**
   * The members the room lists (in a room of more than 100, its owner, moderators and those not ready)
   * and this client's own member.
   */
  public List<ServerMessage.MemberView> members() {
    synchronized (lock) {
      return members.listed();
    }
  }

  /** Every member of the room, listed or not. */
  public int memberCount() {
    synchronized (lock) {
      return members.count();
    }
  }

  public boolean isConnected() {
    synchronized (lock) {
      return connection != null && memberId != null && joined.isDone();
    }
  }

  public ClientClock localClock() {
    return clock;
  }

  /** Add to the local clock to get server time. */
  public double clockOffsetMs() {
    synchronized (lock) {
      return clockSync.offsetMs();
    }
  }

  public double rttMs() {
    synchronized (lock) {
      return clockSync.rttMs();
    }
  }

  /** Enough clock samples for the estimate to be trusted (one burst's worth). */
  public boolean clockSynced() {
    synchronized (lock) {
      return clockSync.synced();
    }
  }

  public double serverNowMs() {
    return clock.nowMs() + clockOffsetMs();
  }

  /** Where the room's video is right now, by this client's estimate of the server clock. */
  public double expectedPositionMs() {
    Timeline t = timeline();
    return t == null ? 0 : t.positionAt(serverNowMs());
  }

  /** Intents that change the timeline sent so far (play, pause, seek, rate, media). */
  public long controlIntentsSent() {
    return controlIntentsSent.get();
  }

  public void play() {
    sendControl(new ClientMessage.Play(version(), null));
  }

  public void pause(Long shownPositionMs) {
    sendControl(new ClientMessage.Pause(version(), shownPositionMs, null));
  }

  public void seek(long positionMs) {
    sendControl(new ClientMessage.Seek(version(), positionMs, null));
  }

  public void setRate(double rate) {
    sendControl(new ClientMessage.SetRate(version(), rate, null));
  }

  public void setMedia(String mediaId) {
    sendControl(new ClientMessage.SetMedia(version(), mediaId, null));
  }

  public void buffering() {
    send(new ClientMessage.Buffering(version(), null));
  }

  public void ready() {
    send(new ClientMessage.Ready(version(), null));
  }

  public void report(double driftMs, double rttMs) {
    send(new ClientMessage.Report(driftMs, rttMs));
  }

  /** Chooses the room's subtitle track (a track id of the room's media), or none with null. */
  public void subtitle(String track) {
    send(new ClientMessage.Subtitle(track, null));
  }

  /** Sends a chat line. */
  public void chat(String text) {
    send(new ClientMessage.Chat(text, null));
  }

  /** Sends raw text, bypassing the codec; for tests of the server's handling of bad input. */
  public void sendRaw(String text) {
    Transport.Connection c;
    synchronized (lock) {
      c = connection;
    }
    if (c != null) c.send(text);
  }

  /** Drops the connection without a goodbye, as a network failure would; the client reconnects. */
  public void dropConnection() {
    Transport.Connection c;
    synchronized (lock) {
      c = connection;
    }
    if (c != null) c.close(CloseCodes.GOING_AWAY, "simulated network loss");
  }

  /** Leaves the room for good. */
  @Override
  public void close() {
    Transport.Connection c;
    synchronized (lock) {
      closing = true;
      c = connection;
      if (pinger != null) pinger.cancel(false);
    }
    if (c != null) {
      c.send(codec.encode(new ClientMessage.Bye()));
      c.close(CloseCodes.NORMAL, "bye");
    }
  }

  private long version() {
    Timeline t = timeline();
    return t == null ? 0 : t.version();
  }

  private void sendControl(ClientMessage message) {
    controlIntentsSent.incrementAndGet();
    send(message);
  }

  private void send(ClientMessage message) {
    Transport.Connection c;
    synchronized (lock) {
      c = connection;
    }
    if (c != null) c.send(codec.encode(message));
  }

  private void schedulePing(long delayMs) {
    synchronized (lock) {
      if (closing) return;
      pinger = scheduler.schedule(this::ping, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void ping() {
    Transport.Connection c;
    long next;
    synchronized (lock) {
      c = connection;
      next = clockSync.nextPingDelayMs();
    }
    if (c == null) return;
    c.send(codec.encode(new ClientMessage.Ping(Math.round(clock.nowMs()))));
    schedulePing(next);
  }

  private void onMembers(UnaryOperator<RoomMembers> next) {
    List<ServerMessage.MemberView> now;
    synchronized (lock) {
      members = next.apply(members);
      now = members.listed();
    }
    for (ClientListener l : listeners) l.onPresence(now);
  }

  private void onPong(ServerMessage.Pong pong, double receivedAt) {
    ClockSample sample = ClockSample.of(pong.t0(), pong.t1(), pong.t2(), receivedAt);
    double before;
    boolean shifted;
    synchronized (lock) {
      before = clockSync.offsetMs();
      shifted = clockSync.pong(sample);
    }
    if (shifted) log.info("clock shift suspected: offset {} -> {} ms", before, sample.offsetMs());
  }

  private void onJoined(ServerMessage.Joined j) {
    CompletableFuture<Void> done;
    synchronized (lock) {
      memberId = j.memberId();
      resumeToken = j.resumeToken();
      room = j.room();
      members = RoomMembers.joined(j.room());
      subtitle = j.room().subtitle();
      timeline = Wire.timeline(j.room().timeline());
      reconnectAttempt = 0;
      done = joined;
    }
    Timeline t = timeline();
    for (ClientListener l : listeners) {
      l.onConnection(true);
      l.onTimeline(t, null);
      l.onPresence(j.room().members());
    }
    done.complete(null);
  }

  private void onTimeline(ServerMessage.TimelineView view, ServerMessage.CauseView cause) {
    Timeline t = Wire.timeline(view);
    synchronized (lock) {
      if (timeline != null && t.version() <= timeline.version()) return;
      timeline = t;
    }
    for (ClientListener l : listeners) l.onTimeline(t, cause);
  }

  /** The room says this client's version is ahead of it: its view is wrong, take the room's. */
  private void resetTimeline(ServerMessage.TimelineView view) {
    Timeline t = Wire.timeline(view);
    synchronized (lock) {
      timeline = t;
    }
    for (ClientListener l : listeners) l.onTimeline(t, null);
  }

  private void connectionLost(int code, String reason) {
    boolean reconnect;
    long delay;
    synchronized (lock) {
      connection = null;
      if (pinger != null) pinger.cancel(false);
      reconnect = !closing && !FINAL_CLOSES.contains(code);
      delay = Math.min(MAX_BACKOFF_MS, 100L << Math.min(reconnectAttempt, 6));
      reconnectAttempt++;
      if (joined.isDone()) joined = new CompletableFuture<>();
      if (!reconnect) joined.completeExceptionally(new IllegalStateException("closed: " + code + " " + reason));
    }
    for (ClientListener l : listeners) l.onConnection(false);
    if (reconnect) {
      log.debug("connection lost ({} {}), reconnecting in {} ms", code, reason, delay);
      scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }
  }

  private final class Handler implements Transport.Listener {
    @Override
    public void onText(String text) {
      double receivedAt = clock.nowMs();
      ServerMessage message;
      try {
        message = codec.decodeServer(text);
      } catch (ProtocolException e) {
        log.warn("cannot read server message: {}", e.getMessage());
        return;
      }
      switch (message) {
        case ServerMessage.Pong pong -> onPong(pong, receivedAt);
        case ServerMessage.Joined j -> onJoined(j);
        case ServerMessage.TimelineUpdate u -> onTimeline(u.timeline(), u.cause());
        case ServerMessage.Presence p -> onMembers(m -> m.after(p, memberId));
        case ServerMessage.PresenceChanges c -> onMembers(m -> m.after(c, memberId));
        case ServerMessage.Error e -> {
          if (e.code().equals(dev.cowatch.protocol.WireError.VERSION_FROM_FUTURE.code()) && e.timeline() != null) {
            resetTimeline(e.timeline());
          } else if (e.timeline() != null) {
            onTimeline(e.timeline(), null);
          }
          for (ClientListener l : listeners) l.onError(e);
        }
        case ServerMessage.Bye bye -> log.debug("server said bye: {}", bye.reason());
        case ServerMessage.SettingsUpdate update -> log.debug("room settings changed: {}", update.settings());
        case ServerMessage.Chat chat -> listeners.forEach(l -> l.onChat(chat));
        case ServerMessage.ChatHistory history -> listeners.forEach(l -> l.onChat(history));
        case ServerMessage.ChatDeleted deleted -> listeners.forEach(l -> l.onChat(deleted));
        case ServerMessage.ChatReactions reactions -> listeners.forEach(l -> l.onChat(reactions));
        case ServerMessage.Reaction reaction -> listeners.forEach(l -> l.onChat(reaction));
        case ServerMessage.Queue queue -> log.debug("queue changed: {} videos", queue.items().size());
        case ServerMessage.Subtitle s -> {
          synchronized (lock) {
            subtitle = s.track();
          }
          listeners.forEach(l -> l.onSubtitle(s.track(), s.memberId()));
        }
      }
    }

    @Override
    public void onClosed(int code, String reason) {
      connectionLost(code, reason);
    }
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
