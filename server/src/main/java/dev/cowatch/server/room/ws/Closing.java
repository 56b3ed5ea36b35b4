package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.metrics.RoomMetrics;
import dev.cowatch.server.room.ws.ConnectionPhase.Ending;
import dev.cowatch.server.room.ws.ConnectionPhase.Member;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ending and closing one connection does, done by the thread whose move of its {@link ConnectionLife} won: so
 * the member tells the room it leaves once, the socket is closed once with one code, and the member is released
 * (unsubscribed, and marked disconnected unless the room let it go already) once. Any thread may call in.
 */
final class Closing {
  private static final Logger log = LoggerFactory.getLogger(Closing.class);

  private final ClientConnection connection;
  private final CoreSession core;
  private final ConnectionLife life;
  private final Outbox outbox;
  private final RoomService rooms;
  private final RoomId roomId;
  private final ConnectionRegistry registry;
  private final RoomMetrics metrics;

  Closing(ClientConnection connection, CoreSession core, ConnectionLife life, Outbox outbox, RoomService rooms,
      RoomId roomId, ConnectionRegistry registry, RoomMetrics metrics) {
    this.connection = connection;
    this.core = core;
    this.life = life;
    this.outbox = outbox;
    this.rooms = rooms;
    this.roomId = roomId;
    this.registry = registry;
    this.metrics = metrics;
  }

  /**
   * Ends the connection once what is queued (the message that says why) has gone out. The first ending's code is
   * the one it closes with; a later one changes nothing.
   */
  void endAfterSending(SocketErrors.Close close) {
    if (life.end(close)) outbox.finish();
  }

  /** The member, if any, leaves the room (told once); the connection ends as {@link #endAfterSending}. */
  void leave(SocketErrors.Close close, Runnable farewell) {
    Member leaving = life.leave(close);
    if (leaving != null) rooms.apply(roomId, leaving.id(), new Intent.Leave());
    farewell.run();
    outbox.finish();
  }

  /** The room removed the member: its farewell is sent and the connection ends, unless it was ending already. */
  void removed(SocketErrors.Close close, Runnable farewell) {
    if (!life.removed(close)) return;
    farewell.run();
    outbox.finish();
  }

  /** The outbox wrote everything queued before the ending: the connection closes with the ending's code. */
  void sent() {
    if (life.now() instanceof Ending e) close(e.close().code(), e.close().reason());
  }

  /** From inside a room's broadcast (the outbox is full): closed at once, its effects on a thread of their own. */
  void slow() {
    ConnectionPhase from = life.close(CloseCodes.SLOW_CONSUMER);
    if (from == null) return;
    metrics.slowConsumerClosed();
    Thread.ofVirtual().start(() -> closedFrom(from, CloseCodes.SLOW_CONSUMER, "cannot keep up"));
  }

  /** Server-initiated close: the member is marked disconnected at once, not when the peer answers. */
  void close(int code, String reason) {
    ConnectionPhase from = life.close(code);
    if (from == null) return;
    if (code == CloseCodes.SLOW_CONSUMER) metrics.slowConsumerClosed();
    closedFrom(from, code, reason);
  }

  /** The connection is gone, whoever closed it (the client, or a broken transport). Idempotent. */
  void transportClosed() {
    ConnectionPhase from = life.close(0);
    if (from != null) released(from);
  }

  /**
   * Draining: closes with 1012 and lets the member go at once, not logged one by one; the future completes when the
   * close frame is written (or could not be).
   */
  CompletableFuture<Void> restarting() {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    ConnectionPhase from = life.close(CloseCodes.SERVICE_RESTART);
    try {
      core.close(CloseCodes.SERVICE_RESTART, "server restarting", Callback.from(() -> sent.complete(null),
          failure -> sent.complete(null)));
    } catch (RuntimeException e) {
      sent.complete(null);
    }
    if (from != null) {
      // The draining thread lets every member go itself, one after another, before the node stops.
      stopWriting();
      if (from.member() != null) release(from.member(), leftAlready(from));
    }
    return sent;
  }

  /** The close this server decided: the close frame, then what {@link #released} lets go. */
  private void closedFrom(ConnectionPhase from, int code, String reason) {
    Member m = from.member();
    if (m == null || code != CloseCodes.NORMAL) {
      log.info("closing connection room={} member={} code={} reason={}", roomId, m == null ? null : m.id(), code,
          reason);
    }
    try {
      core.close(code, reason, Callback.NOOP);
    } catch (RuntimeException e) {
      log.debug("close failed", e);
    }
    released(from);
  }

  /**
   * Nothing more is written, and the member the connection spoke for when it closed is let go, on a thread of its own:
   * letting go waits for the room's lock, and this runs on whichever thread found the connection over. That may be
   * Jetty's, the heartbeat sweep's (every connection of the node), Redis's (a session ended) or the one that hands every
   * room's frames from Redis to this node's connections, when a write there broke. The fault run caught that thread
   * waiting for a room's lock in a run where rooms stayed refused for over a minute; no room's frames reached this
   * node's connections meanwhile.
   */
  private void released(ConnectionPhase from) {
    stopWriting();
    Member m = from.member();
    if (m == null) return;
    boolean left = leftAlready(from);
    Thread.ofVirtual().name("cowatch-release-" + roomId.value()).start(() -> release(m, left));
  }

  /** Whether the room let the member go already: its leave was told before the connection closed. */
  private static boolean leftAlready(ConnectionPhase from) {
    return from instanceof Ending e && e.left();
  }

  private void stopWriting() {
    outbox.close();
    registry.removed(connection);
  }

  /**
   * Unsubscribes and, unless the room let the member go already ({@code left}), marks it disconnected, unless another
   * connection speaks for it now (the room decides that under its lock).
   */
  void release(Member member, boolean left) {
    member.subscription().close();
    if (left) return;
    MemberId m = member.id();
    try {
      if (rooms.disconnect(roomId, m, connection)) log.info("member disconnected room={} member={}", roomId, m);
    } catch (Refusal unavailable) {
      // In a cluster with Redis away, or the room's lease held elsewhere past the wait: asked again later.
      String what = "room=" + roomId + " member=" + m;
      log.warn("could not mark member disconnected {}: {}; asking again later", what, unavailable.getMessage());
      registry.lateDepartures().start(what, () -> rooms.disconnect(roomId, m, connection));
    }
  }
}
