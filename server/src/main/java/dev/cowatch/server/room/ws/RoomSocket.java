package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.media.MediaPlacement;
import dev.cowatch.server.room.media.SubtitleTracks;
import dev.cowatch.server.room.metrics.RoomMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/** The WebSocket endpoint {@code /ws/rooms/{roomId}}: hands each connection to a {@link ClientConnection}. */
public final class RoomSocket {
  public static final String PATH = "/ws/rooms/{roomId}";
  private static final String PATH_PREFIX = "/ws/rooms/";

  private final RoomService rooms;
  private final RoomChat chat;
  private final SubtitleTracks subtitles;
  private final MediaPlacement media;
  private final Identities identities;
  private final JsonCodec codec;
  private final Clock clock;
  private final Limits limits;
  private final ConnectionRegistry registry;
  private final JoinTurns joinTurns;
  private final RoomMetrics metrics;
  private final Tracing tracing;
  private final PeerCredentials peerCredentials;

  public RoomSocket(RoomService rooms, RoomChat chat, SubtitleTracks subtitles, MediaPlacement media,
      Identities identities, JsonCodec codec, Clock clock, Limits limits, RoomMetrics metrics, Tracing tracing,
      PeerCredentials peerCredentials) {
    this.media = media;
    this.peerCredentials = peerCredentials;
    this.metrics = metrics;
    this.tracing = tracing;
    this.rooms = rooms;
    this.chat = chat;
    this.subtitles = subtitles;
    this.identities = identities;
    this.codec = codec;
    this.clock = clock;
    this.limits = limits;
    this.joinTurns = new JoinTurns(limits.joinsAtOnce());
    this.registry = new ConnectionRegistry(clock, rooms.tolerances().deadConnectionMs(), limits.helloTimeoutMs(),
        limits.sendTimeoutMs());
  }

  public void startSweeping(ScheduledExecutorService timers) {
    timers.scheduleAtFixedRate(registry::sweep, ConnectionRegistry.TICK_MS, ConnectionRegistry.TICK_MS,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Stopping: departures still waiting for their rooms (Redis away when their connections closed) are asked no more,
   * before the node's Redis client closes. Returns how many were left; their members count as orphans once this node
   * no longer says it is alive (RedisMemberSessions), as a stopped node's members do.
   */
  public int stopLateDepartures(Duration bound) {
    return registry.lateDepartures().stop(bound);
  }

  /**
   * Draining: every room connection on this node is closed with 1012 (come back) and its member let go.
   * Returns how many, once their close frames are written or {@code bound} has passed.
   */
  public int closeAllForRestart(Duration bound) {
    var done = registry.restartAll();
    try {
      return done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The connection that speaks for the member on this node, if any (tests break one). */
  ClientConnection connectionOf(RoomId room, MemberId member) {
    return registry.speakingFor(room, member);
  }

  public int connectionCount() {
    return registry.size();
  }

  /** Connections that speak for a member, by client kind (every kind, zero included): read when metrics are scraped. */
  public java.util.Map<String, Integer> membersByClientKind() {
    return registry.membersByKind(ClientKinds.ALL);
  }

  /** Hellos waiting for a turn to be answered ({@link JoinTurns}). */
  public int joinsWaiting() {
    return joinTurns.waiting();
  }

  /** Some of the user's sessions may have ended (SessionEnds): their connections here check theirs. */
  public void sessionsChanged(UserId user) {
    registry.recheckSessionsOf(user);
  }

  /**
   * The Jetty handler that upgrades {@code /ws/rooms/{roomId}}; everything else passes through to
   * what it wraps. No extension is negotiated: messages are a few hundred bytes, and a browser's
   * permessage-deflate would cost every connection a compressor of its own.
   */
  public WebSocketUpgradeHandler upgradeHandler() {
    // Our own heartbeat sweep decides when a connection is dead; Jetty's timeout is a backstop.
    Duration idleTimeout = Duration.ofMillis(rooms.tolerances().deadConnectionMs() * 5);
    WebSocketUpgradeHandler handler = new WebSocketUpgradeHandler();
    // Javalin adds its servlet context to a sequence it finds inside a wrapper.
    handler.setHandler(new Handler.Sequence());
    handler.addMapping(PATH_PREFIX + "*", new WebSocketNegotiator() {
      @Override
      public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        response.setExtensions(List.of());
        String id = request.getHttpURI().getPath().substring(PATH_PREFIX.length());
        String kind = ClientKinds.of(request.getHeaders().get("User-Agent"), request.getHeaders().get("Origin"));
        metrics.socketOpened(kind);
        return new RoomEndpoint(core -> open(core, id, kind), clock, limits.maxFrameBytes(), metrics);
      }

      @Override
      public void customize(Configuration c) {
        c.setMaxTextMessageSize(limits.maxFrameBytes());
        c.setMaxBinaryMessageSize(limits.maxFrameBytes());
        c.setMaxFrameSize(limits.maxFrameBytes());
        c.setIdleTimeout(idleTimeout);
      }
    });
    return handler;
  }

  /** A new connection: to a room, or refused with a reason when there is no such room. */
  private ClientConnection open(CoreSession core, String id, String clientKind) {
    try {
      if (!RoomId.isValid(id) || rooms.find(new RoomId(id)).isEmpty()) {
        refuse(core, WireError.ROOM_NOT_FOUND, "no room '" + id + "'",
            new SocketErrors.Close(CloseCodes.ROOM_NOT_FOUND, "room not found"));
        return null;
      }
    } catch (Refusal refusal) {
      // The room could not be looked up (in a cluster, Redis is away): say so, and close as a refused hello would.
      WireError error = SocketErrors.wireError(refusal);
      refuse(core, error, refusal.getMessage(), SocketErrors.helloClose(error)
          .orElse(new SocketErrors.Close(CloseCodes.TRY_AGAIN_LATER, "try again later")));
      return null;
    }
    ClientConnection c = new ClientConnection(core, new RoomId(id), rooms, chat, subtitles, media, identities, registry,
        joinTurns, codec, clock, limits, new ClientConnection.Measured(clientKind, metrics, tracing), peerCredentials);
    registry.opened(c);
    return c;
  }

  private void refuse(CoreSession core, WireError error, String message, SocketErrors.Close close) {
    String json = codec.encode(new ServerMessage.Error(error.code(), message, null, null));
    core.sendFrame(new Frame(OpCode.TEXT, json), Callback.from(
        () -> core.close(close.code(), close.reason(), Callback.NOOP),
        failure -> core.abort()), false);
  }
}
