package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.Pings;
import dev.cowatch.protocol.ProtocolException;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.account.Authenticator.Authenticated;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.http.GuardedConnector;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.media.MediaPlacement;
import dev.cowatch.server.room.media.SubtitleTracks;
import dev.cowatch.server.room.metrics.RoomMetrics;
import dev.cowatch.server.room.ws.ConnectionPhase.Admitting;
import dev.cowatch.server.room.ws.ConnectionPhase.Closed;
import dev.cowatch.server.room.ws.ConnectionPhase.Member;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket: decodes, limits, asks the room, and writes through a bounded outbox. Its life is one
 * {@link ConnectionPhase} in a {@link ConnectionLife}; every change of it is a compare-and-set, so any thread may
 * end or close the connection and exactly one of them does what that takes.
 *
 * <p>Who calls in, and on which thread:
 * <ul>
 *   <li>Jetty's reading thread, one message at a time: {@link #received}, {@link #ping}, {@link #binaryReceived},
 *       and {@link #close} or {@link #transportClosed} when the socket breaks or a message is malformed;</li>
 *   <li>the hello's own thread ({@link Admission}): the join, then the messages held meanwhile. Messages are handled
 *       (and {@link MemberRequests} used) by one of these two threads at a time, in the order read;</li>
 *   <li>the room's publishers, under the room's lock: {@link #deliver}, which queues and never blocks (a client too
 *       slow for its outbox is closed on a thread of its own);</li>
 *   <li>the outbox's write completions: the end of an ending, or a broken transport;</li>
 *   <li>the registry's sweep ({@link #silentSince}, {@link #stuckSince}, {@link #close}), sessions ending
 *       ({@link #recheckSession}), a newer connection of the member ({@link #replacedBy}), and draining
 *       ({@link #restarting}).</li>
 * </ul>
 */
final class ClientConnection implements RoomBus.Listener {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  /** What this connection reports to the operator's metrics and traces, and as which kind of client. */
  record Measured(String clientKind, RoomMetrics metrics, Tracing tracing) {}

  /** Jetty's core session: frames whose bytes were encoded once for the whole room are written through it. */
  private final CoreSession core;
  private final RoomId roomId;
  private final Identities identities;
  private final JsonCodec codec;
  private final Clock clock;
  private final Limits limits;
  private final Measured measured;
  private final ConnectionLife life = new ConnectionLife();
  private final Outbox outbox;
  private final Closing closing;
  private final SocketOutput output;
  private final MessageLimits rates;
  private final ChatHistoryGate chatGate = new ChatHistoryGate();
  private final Admission admission;
  private final MemberRequests requests;
  private final long openedAtMs;
  /** When the last message came: any message, from any phase, shows the client is alive. */
  private volatile long lastReceivedMs;

  ClientConnection(CoreSession core, RoomId roomId, RoomService rooms, RoomChat chat, SubtitleTracks subtitles,
      MediaPlacement media, Identities identities, ConnectionRegistry registry, JoinTurns turns, JsonCodec codec,
      Clock clock, Limits limits, Measured measured, PeerCredentials peerCredentials) {
    this.core = core;
    this.roomId = roomId;
    this.identities = identities;
    this.codec = codec;
    this.clock = clock;
    this.limits = limits;
    this.measured = measured;
    this.outbox = new Outbox(limits.outboxCapacity(), this::write, new Outbox.Listener() {
      @Override
      public void finished() {
        closing.sent();
      }

      @Override
      public void failed(Throwable cause) {
        // Possibly inside a room's broadcast: the member is let go on a thread of its own (Closing.released).
        transportClosed();
      }
    }, clock::millis);
    this.closing = new Closing(this, core, life, outbox, rooms, roomId, registry, measured.metrics());
    this.output = new SocketOutput(outbox, codec, clock, () -> {
      measured.metrics().outboxRefused();
      closing.slow();
    });
    this.rates = new MessageLimits(limits, System::nanoTime);
    MemberIntents intents = new MemberIntents(rooms, roomId, subtitles, media, output, measured.metrics(),
        measured.tracing(), () -> endAfterSending(new SocketErrors.Close(CloseCodes.ROOM_NOT_FOUND, "room not found")));
    this.requests = new MemberRequests(rooms, roomId, chat, output, rates, intents, peerCredentials,
        new HealthReports((member, report) -> intents.accepted(member, report, null), measured.metrics()));
    this.admission = new Admission(this, life, closing, roomId, rooms, chat, identities, registry, turns, output,
        chatGate);
    this.openedAtMs = clock.millis();
    this.lastReceivedMs = openedAtMs;
  }

  RoomId roomId() {
    return roomId;
  }

  String clientKind() {
    return measured.clientKind();
  }

  /** The code the server closed with, 0 if it did not close first (or the connection is open). */
  int closedByServerWith() {
    return life.now() instanceof Closed c ? c.byServerWith() : 0;
  }

  /** The member this connection speaks (or, closed, spoke) for; null before it joined. */
  MemberId memberId() {
    Member m = life.now().member();
    return m == null ? null : m.id();
  }

  /** The user this connection speaks for (null before a hello signed in). */
  UserId userId() {
    Authenticated who = life.now().who();
    return who == null ? null : who.identity().userId();
  }

  /** A ping read without the codec ({@link Pings}): the same as one read with it. */
  void ping(long t0, long receivedAtMs) {
    if (heard(receivedAtMs)) output.pong(t0, receivedAtMs);
  }

  void received(String text, long receivedAtMs) {
    if (!heard(receivedAtMs)) return;
    long started = rates.handling();
    try {
      handle(text, receivedAtMs);
    } finally {
      rates.handled(started);
    }
  }

  void binaryReceived() {
    lastReceivedMs = clock.millis();
    if (life.now() instanceof Closed || flooding()) return;
    output.error(WireError.MALFORMED_JSON, "protocol v1 uses text frames with JSON only", null, null);
  }

  /** Every message read: the client is alive; true when the message is to be handled (not ending, not flooding). */
  private boolean heard(long receivedAtMs) {
    lastReceivedMs = receivedAtMs;
    return life.now().reading() && !flooding();
  }

  /** Past the flood limit the connection is closed, not answered. */
  private boolean flooding() {
    if (!rates.flooding()) return false;
    close(CloseCodes.FLOOD, "too many messages");
    return true;
  }

  private void handle(String text, long receivedAtMs) {
    ClientMessage message;
    try {
      message = codec.decodeClient(text);
    } catch (ProtocolException e) {
      output.error(e.error(), e.getMessage(), null, null);
      return;
    }
    // While a hello is answered, pings are answered at once and the rest waits for it.
    if (!(message instanceof ClientMessage.Ping) && admission.takes(message, receivedAtMs)) return;
    dispatchOrRefuse(message, receivedAtMs);
  }

  /** On the hello's thread: a message held while it was answered, handled as if read now (unless closed since). */
  void handleHeld(ClientMessage message, long receivedAtMs) {
    if (!(life.now() instanceof Closed)) dispatchOrRefuse(message, receivedAtMs);
  }

  private void dispatchOrRefuse(ClientMessage message, long receivedAtMs) {
    try {
      switch (message) {
        case ClientMessage.Ping ping -> output.pong(ping.t0(), receivedAtMs);
        case ClientMessage.Hello hello -> admission.hello(hello);
        case ClientMessage.Bye bye -> bye();
        default -> requests.handle(message, life.now().member());
      }
    } catch (RuntimeException e) {
      refuseOrEnd(e, MemberRequests.refOf(message));
    }
  }

  /**
   * A refusal (the room, not broken: in a cluster another node held the room too long, or Redis or the database is
   * away) is answered with the message's ref and the connection stays; anything else is a bug, logged, and ends the
   * connection with 1011, as Jetty did when the reading thread handed it the exception.
   */
  void refuseOrEnd(RuntimeException e, String ref) {
    Refusal refusal;
    try {
      refusal = SocketErrors.refusalOrRethrow(e);
    } catch (RuntimeException broken) {
      log.error("handling a message failed room={}", roomId, broken);
      close(CloseStatus.SERVER_ERROR, "server error");
      return;
    }
    output.refusal(refusal, ref);
  }

  private void bye() {
    closing.leave(new SocketErrors.Close(CloseCodes.NORMAL, "bye"), () -> output.bye("left"));
  }

  /** Ends the connection once what is queued has gone out, with the first ending's code ({@link Closing}). */
  void endAfterSending(SocketErrors.Close close) {
    closing.endAfterSending(close);
  }

  @Override
  public void deliver(Broadcast broadcast) {
    if (!chatGate.pass(broadcast)) return;
    switch (broadcast.kind()) {
      case ENDED -> {
        MemberId me = memberId();
        if (broadcast.memberId() != null && (me == null || !broadcast.memberId().equals(me.value()))) return;
        // Removed by the room: not a lost connection, so no disconnect to report afterwards.
        closing.removed(new SocketErrors.Close(broadcast.closeCode(), "removed"), () -> output.removed(broadcast));
      }
      case PERSONAL -> {
        MemberId me = memberId();
        output.personal(broadcast, me == null ? null : me.value());
      }
      default -> output.broadcast(broadcast);
    }
  }

  boolean silentSince(long nowMs, long deadMs, long helloTimeoutMs) {
    ConnectionPhase now = life.now();
    if (now.member() != null) return nowMs - lastReceivedMs > deadMs;
    return !(now instanceof Admitting) && nowMs - openedAtMs > helloTimeoutMs && waitsForClient();
  }

  /**
   * Whether the socket waits for its client's bytes, not for this server to read those that came: a server too busy
   * to read a hello has not heard silence.
   */
  private boolean waitsForClient() {
    if (!(core instanceof WebSocketCoreSession s) || s.getConnection() == null) return true;
    return GuardedConnector.waitsForClient(s.getConnection().getEndPoint());
  }

  /** A frame has waited longer than the send timeout for the client to take it. */
  boolean stuckSince(long nowMs) {
    long since = outbox.writingSinceMs();
    return since != 0 && nowMs - since > limits.sendTimeoutMs();
  }

  /**
   * One of the user's sessions may have ended: if it was this connection's, the member leaves the
   * room and the connection closes with 4401 (the client does not come back with the same token).
   */
  void recheckSession() {
    ConnectionPhase now = life.now();
    if (now.who() == null || !now.reading() || identities.stillValid(now.who())) return;
    output.error(WireError.UNAUTHORIZED, "signed out: this session has ended", null, null);
    closing.leave(new SocketErrors.Close(CloseCodes.UNAUTHORIZED, "signed out"), () -> { });
  }

  /** Another connection took over this member (resume from elsewhere). */
  void replacedBy() {
    close(CloseCodes.REPLACED, "replaced by a newer connection");
  }

  /**
   * The server is draining (SIGTERM): the client is told to come back (1012) and the member is let go at
   * once; the future completes when the close frame is written (or could not be).
   */
  CompletableFuture<Void> restarting() {
    return closing.restarting();
  }

  /** Server-initiated close: the member is marked disconnected at once, not when the peer answers. */
  void close(int code, String reason) {
    closing.close(code, reason);
  }

  /** The connection is gone, whoever closed it (the client, or a broken transport). Idempotent. */
  void transportClosed() {
    closing.transportClosed();
  }

  private void write(ByteBuffer utf8, Outbox.Write done) {
    core.sendFrame(new Frame(OpCode.TEXT, utf8), Callback.from(done::succeeded, done::failed), false);
  }
}
