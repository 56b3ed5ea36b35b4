package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.Pings;
import dev.cowatch.protocol.ProtocolException;
import dev.cowatch.protocol.Wire;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.account.Authenticator.Authenticated;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import dev.cowatch.server.room.Broadcast;
import dev.cowatch.server.room.RoomBus;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomMetrics;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.MediaPlacement;
import dev.cowatch.server.room.SubtitleTracks;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import dev.cowatch.server.platform.http.GuardedConnector;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket: decodes, limits, asks the room service, and writes through a bounded
 * outbox on its own virtual thread. Jetty delivers one message at a time per connection, so the
 * member state here is only touched by that thread; closing may come from any thread.
 */
final class ClientConnection implements RoomBus.Listener {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  /** Jetty's core session: frames whose bytes were encoded once for the whole room are written through it. */
  private final CoreSession core;
  private final RoomId roomId;
  private final RoomService rooms;
  private final RoomChat chat;
  private final Identities identities;
  private final ConnectionRegistry registry;
  private final JsonCodec codec;
  private final Clock clock;
  private final Limits limits;
  private final Outbox outbox;
  private final SocketOutput output;
  private final MemberIntents intents;
  private final MessageLimits rates;
  private final SignalRelay signals;
  private final PeerCredentials peerCredentials;
  private final HealthReports reports;
  private final ChatHistoryGate chatGate = new ChatHistoryGate();
  /** This node's hellos answered at once; this one's waits its turn. */
  private final JoinTurns turns;
  private final long openedAtMs;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Who said hello, with the session its token belongs to: checked again when a session ends. */
  private volatile Authenticated signedInAs;
  private final AtomicBoolean slowMarked = new AtomicBoolean();
  private volatile long lastReceivedMs;
  private volatile MemberId memberId;
  /**
   * This connection's hello is being answered (its token checked, its join waiting for its room): a
   * crowd arriving at once can queue past the hello timeout, which is for clients that say nothing,
   * not for them.
   */
  private volatile boolean admitting;
  private final HeldForHello heldForHello = new HeldForHello(HeldForHello.CAPACITY);
  private volatile boolean left;
  /** Set once the connection is ending after what is queued has been sent: nothing more is read. */
  private volatile boolean ending;
  private volatile int endCode = CloseCodes.NORMAL;
  private volatile String endReason = "bye";
  /** The code this server closed with (0: the client closed, or the transport broke): what metrics count. */
  private volatile int closedByServerWith;
  private RoomBus.Subscription subscription;
  private final Measured measured;

  /** What this connection reports to the operator's metrics and traces, and as which kind of client. */
  record Measured(String clientKind, RoomMetrics metrics, Tracing tracing) {}

  ClientConnection(CoreSession core, RoomId roomId, RoomService rooms, RoomChat chat, SubtitleTracks subtitles,
      MediaPlacement media, Identities identities, ConnectionRegistry registry, JoinTurns turns, JsonCodec codec,
      Clock clock, Limits limits, Measured measured, PeerCredentials peerCredentials) {
    this.peerCredentials = peerCredentials;
    this.measured = measured;
    this.turns = turns;
    this.core = core;
    this.roomId = roomId;
    this.rooms = rooms;
    this.chat = chat;
    this.identities = identities;
    this.registry = registry;
    this.codec = codec;
    this.clock = clock;
    this.limits = limits;
    this.outbox = new Outbox(limits.outboxCapacity(), this::write, new Outbox.Listener() {
      @Override
      public void finished() {
        close(endCode, endReason);
      }

      @Override
      public void failed(Throwable cause) {
        // Possibly inside a room's broadcast: let go of the member elsewhere, not under the room's lock.
        Thread.ofVirtual().start(ClientConnection.this::transportClosed);
      }
    }, clock::millis);
    this.output = new SocketOutput(outbox, codec, clock, () -> {
      measured.metrics().outboxRefused();
      slow();
    });
    this.rates = new MessageLimits(limits, System::nanoTime);
    this.intents = new MemberIntents(rooms, roomId, subtitles, media, output, measured.metrics(), measured.tracing(),
        () -> closeAfterSending(CloseCodes.ROOM_NOT_FOUND, "room not found"));
    this.signals = new SignalRelay(rooms, roomId, output);
    this.reports = new HealthReports(intents, measured.metrics());
    this.openedAtMs = clock.millis();
    this.lastReceivedMs = openedAtMs;
  }

  RoomId roomId() {
    return roomId;
  }

  String clientKind() {
    return measured.clientKind();
  }

  /** The code the server closed with, 0 if it did not close first. */
  int closedByServerWith() {
    return closedByServerWith;
  }

  MemberId memberId() {
    return memberId;
  }

  /** A ping read without the codec ({@link Pings}): the same as one read with it. */
  void ping(long t0, long receivedAtMs) {
    if (admit(receivedAtMs)) output.pong(t0, receivedAtMs);
  }

  /** Every message: the connection is alive; false when it is closing or flooding (then closed). */
  private boolean admit(long receivedAtMs) {
    lastReceivedMs = receivedAtMs;
    if (closed.get() || ending) return false;
    return !flooding();
  }

  /** Past the flood limit the connection is closed, not answered. */
  private boolean flooding() {
    if (!rates.flooding()) return false;
    close(CloseCodes.FLOOD, "too many messages");
    return true;
  }

  /**
   * A message that needs a member and counts toward {@code kind}'s limit: when either is missing the
   * sender is told (with the message's ref) and the message goes no further.
   */
  private boolean joinedWithin(MessageLimits.Kind kind, String ref) {
    if (!requireJoined(ref)) return false;
    String hit = rates.exceeded(kind);
    if (hit == null) return true;
    output.error(WireError.RATE_LIMITED, hit, ref, null);
    return false;
  }

  void received(String text, long receivedAtMs) {
    if (!admit(receivedAtMs)) return;
    long started = rates.handling();
    try {
      handle(text, receivedAtMs);
    } finally {
      rates.handled(started);
    }
  }

  private void handle(String text, long receivedAtMs) {
    ClientMessage message;
    try {
      message = codec.decodeClient(text);
    } catch (ProtocolException e) {
      output.error(e.error(), e.getMessage(), null, null);
      return;
    }
    // While the hello is answered, pings are answered at once and the rest waits for it (HeldForHello).
    if (!(message instanceof ClientMessage.Ping)) {
      switch (heldForHello.hold(message, receivedAtMs)) {
        case HELD -> {
          return;
        }
        case FULL -> {
          output.error(WireError.RATE_LIMITED, "at most " + HeldForHello.CAPACITY + " messages before joined",
              refOf(message), null);
          return;
        }
        case NOT_ANSWERING -> { }
      }
    }
    dispatchOrRefuse(message, receivedAtMs);
  }

  /** On the reading thread or, for a message held for the hello, on the hello's. */
  private void dispatchOrRefuse(ClientMessage message, long receivedAtMs) {
    try {
      dispatch(message, receivedAtMs);
    } catch (RuntimeException e) {
      refuseOrEnd(e, refOf(message));
    }
  }

  /** The ref a message carries for its answer (null for those without one). */
  private static String refOf(ClientMessage message) {
    return switch (message) {
      case ClientMessage.IntentMessage i -> i.ref();
      case ClientMessage.QueueMessage q -> q.ref();
      case ClientMessage.Subtitle s -> s.ref();
      default -> null;
    };
  }

  private void dispatch(ClientMessage message, long receivedAtMs) {
    switch (message) {
      case ClientMessage.Ping ping -> output.pong(ping.t0(), receivedAtMs);
      case ClientMessage.Hello hello -> hello(hello);
      case ClientMessage.Bye bye -> bye();
      case ClientMessage.Report report -> {
        if (requireJoined(null)) reports.report(memberId, report);
      }
      case ClientMessage.Chat chatLine -> {
        if (!joinedWithin(MessageLimits.Kind.CHAT, chatLine.ref())) return;
        orRefuse(chatLine.ref(), () -> chat.post(roomId, memberId, chatLine.text(), chatLine.lineId())
            .ifPresent(output::chatLine));
      }
      case ClientMessage.ChatHistory history -> {
        if (requireJoined(null)) output.chatPage(chat.page(roomId, history.before()));
      }
      case ClientMessage.ChatDelete delete -> {
        if (!requireJoined(delete.ref())) return;
        orRefuse(delete.ref(), () -> chat.delete(roomId, memberId, delete.id()));
      }
      case ClientMessage.React react -> {
        if (!joinedWithin(MessageLimits.Kind.REACTION, react.ref())) return;
        orRefuse(react.ref(), () -> chat.react(roomId, memberId, react.emoji(), react.messageId(),
            !Boolean.FALSE.equals(react.on())));
      }
      case ClientMessage.Signal signal -> {
        if (joinedWithin(MessageLimits.Kind.SIGNAL, signal.ref())) signals.relay(memberId, signal);
      }
      case ClientMessage.PeerKey peerKey -> {
        if (joinedWithin(MessageLimits.Kind.SIGNAL, null)) peerCredentials.answer(rooms, roomId, memberId, peerKey.key(), output);
      }
      case ClientMessage.IntentMessage intent -> {
        if (!intentWithin(intent, intent.ref())) return;
        if (intent instanceof ClientMessage.SetMedia set) {
          intents.placeAndApply(memberId, userId(), set.mediaId(), intent, Wire.intent(intent), intent.ref());
        } else {
          intents.measuredApply(memberId, intent, Wire.intent(intent), intent.ref());
        }
      }
      case ClientMessage.QueueMessage queue -> {
        if (!intentWithin(queue, queue.ref())) return;
        Intent decoded = Wire.queueIntent(queue, rooms::newQueueItemId);
        if (queue instanceof ClientMessage.QueueAdd add) {
          intents.placeAndApply(memberId, userId(), add.mediaId(), queue, decoded, queue.ref());
        } else {
          intents.measuredApply(memberId, queue, decoded, queue.ref());
        }
      }
      case ClientMessage.Subtitle subtitle -> {
        if (!intentWithin(subtitle, subtitle.ref())) return;
        intents.chooseSubtitle(memberId, subtitle);
      }
    }
  }

  /** {@link #joinedWithin} for an intent, counting one refused by the rate limit. */
  private boolean intentWithin(ClientMessage message, String ref) {
    if (joinedWithin(MessageLimits.Kind.INTENT, ref)) return true;
    if (memberId != null) intents.rateLimited(message);
    return false;
  }

  /** Runs a request another module decides; its refusal goes back to the sender with the message's ref. */
  private void orRefuse(String ref, Runnable request) {
    try {
      request.run();
    } catch (Refusal refusal) {
      output.refusal(refusal, ref);
    }
  }

  void binaryReceived() {
    lastReceivedMs = clock.millis();
    if (closed.get() || flooding()) return;
    output.error(WireError.MALFORMED_JSON, "protocol v1 uses text frames with JSON only", null, null);
  }

  private void hello(ClientMessage.Hello hello) {
    if (memberId != null) {
      output.error(WireError.ALREADY_JOINED, "this connection already joined", null, null);
      return;
    }
    if (hello.protocol() != JsonCodec.PROTOCOL_VERSION) {
      output.error(WireError.UNSUPPORTED_PROTOCOL, "this server speaks protocol " + JsonCodec.PROTOCOL_VERSION, null, null);
      closeAfterSending(CloseCodes.PROTOCOL_ERROR, "unsupported protocol");
      return;
    }
    // From here the client has said hello: checking its token may wait for the database, and its join for its room
    // (seconds, when a crowd arrives at once). Both are done on a thread of their own, so the connection goes on
    // reading meanwhile (HeldForHello). Set before that thread starts: the hello timeout is for clients that say
    // nothing, not for them.
    admitting = true;
    heldForHello.begin();
    Thread.ofVirtual().name("hello-" + roomId.value()).start(() -> answer(hello));
  }

  /** On the hello's thread: signs in and joins, then handles what was held meanwhile, in the order it was read. */
  private void answer(ClientMessage.Hello hello) {
    org.slf4j.MDC.put("room", roomId.value());
    try {
      try {
        // The connection may have closed while its hello waited for a turn: nothing to sign in for then.
        if (!turns.take(() -> {
          if (!closed.get()) signIn(hello);
        })) {
          refuseHello(JoinTurns.busy());
        }
      } catch (RuntimeException e) {
        refuseOrEnd(e, null);
      }
      for (HeldForHello.Held held; (held = heldForHello.next()) != null; ) {
        if (!closed.get()) dispatchOrRefuse(held.message(), held.receivedAtMs());
      }
    } finally {
      admitting = false;
      org.slf4j.MDC.remove("room");
    }
  }

  private void signIn(ClientMessage.Hello hello) {
    Optional<Authenticated> who;
    try {
      who = BusyDatabase.retried(() -> identities.of(hello.token(), hello.name()));
    } catch (RuntimeException e) {
      refuseHello(e);
      return;
    }
    if (who.isEmpty()) {
      output.error(WireError.UNAUTHORIZED, "the access token is invalid or expired: sign in again", null, null);
      closeAfterSending(CloseCodes.UNAUTHORIZED, "unauthorized");
      return;
    }
    signedInAs = who.get();
    admit(hello, who.get().identity());
  }

  /**
   * A refusal (the room, not broken: in a cluster another node held the room too long, or Redis or the database is
   * away) is answered with the message's ref and the connection stays; anything else is a bug, logged, and ends the
   * connection with 1011, as Jetty did when the reading thread handed it the exception.
   */
  private void refuseOrEnd(RuntimeException e, String ref) {
    Refusal refusal;
    try {
      refusal = SocketErrors.refusalOrRethrow(e);
    } catch (RuntimeException broken) {
      log.error("handling a message failed room={}", roomId, broken);
      close(org.eclipse.jetty.websocket.core.CloseStatus.SERVER_ERROR, "server error");
      return;
    }
    output.refusal(refusal, ref);
  }

  private void admit(ClientMessage.Hello hello, Identity who) {
    RoomService.Joined joined;
    try {
      joined = BusyDatabase.retried(() -> rooms.join(roomId, who, hello.name(), hello.resumeToken(), this));
    } catch (RuntimeException e) {
      refuseHello(e);
      return;
    }
    subscription = joined.subscription();
    memberId = joined.memberId();
    registry.joined(this);
    // Read after subscribing, so no line falls between; the gate keeps the order and drops repeats.
    sendChatHistory();
    // The transport may have closed while joining, before memberId was set: release it here.
    if (closed.get()) {
      registry.removed(this);
      releaseMembership();
    }
  }

  /** Answers a hello that could not be let in, and closes the connection when nothing more can happen on it. */
  private void refuseHello(RuntimeException e) {
    Refusal refusal = SocketErrors.refusalOrRethrow(e);
    // The database, still too busy after the tries: an operator should see it (a room's own refusals are not news).
    if (!(e instanceof Refusal)) log.warn("hello refused, the database did not answer room={}: {}", roomId, e.toString());
    output.refusal(refusal, null);
    SocketErrors.helloClose(SocketErrors.wireError(refusal)).ifPresent(c -> closeAfterSending(c.code(), c.reason()));
  }

  /**
   * The room's newest chat lines, then the live ones (held until then, so none is lost or repeated). A database too
   * busy to answer, even after a few tries, does not undo the join: live chat flows without a history, which the
   * client may ask for again.
   */
  private void sendChatHistory() {
    RoomChat.Page history;
    try {
      history = BusyDatabase.retried(() -> chat.page(roomId, null));
    } catch (RuntimeException e) {
      chatGate.open(Set.of(), () -> { }, output::broadcast);
      if (!DatabaseFaults.isUnavailable(e)) throw e;
      log.warn("joined without the chat history, the database did not answer room={} member={}", roomId, memberId);
      return;
    }
    chatGate.open(history.lineIds(), () -> output.chatPage(history), output::broadcast);
  }

  private void bye() {
    if (memberId != null && !left) {
      left = true;
      rooms.apply(roomId, memberId, new Intent.Leave());
    }
    output.bye("left");
    closeAfterSending(CloseCodes.NORMAL, "bye");
  }

  /** Ends the connection once the queued messages (the error that explains why) have gone out. */
  private void closeAfterSending(int code, String reason) {
    endCode = code;
    endReason = reason;
    ending = true;
    outbox.finish();
  }

  private boolean requireJoined(String ref) {
    if (memberId != null) return true;
    output.error(WireError.HELLO_REQUIRED, "say hello first", ref, null);
    return false;
  }

  @Override
  public void deliver(Broadcast broadcast) {
    if (!chatGate.pass(broadcast)) return;
    switch (broadcast.kind()) {
      case ENDED -> {
        MemberId me = memberId;
        if (broadcast.memberId() != null && (me == null || !broadcast.memberId().equals(me.value()))) return;
        // Removed by the room: not a lost connection, so no disconnect to report afterwards.
        left = true;
        output.removed(broadcast);
        closeAfterSending(broadcast.closeCode(), "removed");
      }
      case PERSONAL -> {
        MemberId me = memberId;
        output.personal(broadcast, me == null ? null : me.value());
      }
      default -> output.broadcast(broadcast);
    }
  }

  /** Called from inside a room's broadcast: close elsewhere so the room's lock is not held for it. */
  private void slow() {
    // Every further refused offer lands here too until the close is done: close once.
    if (!slowMarked.compareAndSet(false, true)) return;
    Thread.ofVirtual().start(() -> close(CloseCodes.SLOW_CONSUMER, "cannot keep up"));
  }

  boolean silentSince(long nowMs, long deadMs, long helloTimeoutMs) {
    if (memberId == null) return !admitting && nowMs - openedAtMs > helloTimeoutMs && waitsForClient();
    return nowMs - lastReceivedMs > deadMs;
  }

  /**
   * Whether the socket waits for its client's bytes, not for this server to read those that came (its threads busy:
   * in a join storm on two saturated cores, hellos sent at once waited over the hello timeout to be read, and their
   * clients were closed for saying nothing).
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

  /** The user this connection speaks for (null before hello). */
  dev.cowatch.core.room.UserId userId() {
    Authenticated who = signedInAs;
    return who == null ? null : who.identity().userId();
  }

  /**
   * One of the user's sessions may have ended: if it was this connection's, the member leaves the
   * room and the connection closes with 4401 (the client does not come back with the same token).
   */
  void recheckSession() {
    Authenticated who = signedInAs;
    if (who == null || closed.get() || ending || identities.stillValid(who)) return;
    output.error(WireError.UNAUTHORIZED, "signed out: this session has ended", null, null);
    if (memberId != null && !left) {
      left = true;
      rooms.apply(roomId, memberId, new Intent.Leave());
    }
    closeAfterSending(CloseCodes.UNAUTHORIZED, "signed out");
  }

  /** Another connection took over this member (resume from elsewhere). */
  void replacedBy() {
    close(CloseCodes.REPLACED, "replaced by a newer connection");
  }

  /**
   * The server is draining (SIGTERM): the client is told to come back (1012) and the member is let go at
   * once; the future completes when the close frame is written (or could not be). Not logged one by one.
   */
  java.util.concurrent.CompletableFuture<Void> restarting() {
    java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
    if (closedByServerWith == 0) closedByServerWith = CloseCodes.SERVICE_RESTART;
    try {
      core.close(CloseCodes.SERVICE_RESTART, "server restarting", Callback.from(() -> sent.complete(null),
          failure -> sent.complete(null)));
    } catch (RuntimeException e) {
      sent.complete(null);
    }
    transportClosed();
    return sent;
  }

  /** Server-initiated close: the member is marked disconnected at once, not when the peer answers. */
  void close(int code, String reason) {
    if (code == CloseCodes.SLOW_CONSUMER && !closed.get()) measured.metrics().slowConsumerClosed();
    if (closedByServerWith == 0) closedByServerWith = code;
    if (memberId == null || code != CloseCodes.NORMAL) {
      log.info("closing connection room={} member={} code={} reason={}", roomId, memberId, code, reason);
    }
    try {
      core.close(code, reason, Callback.NOOP);
    } catch (RuntimeException e) {
      log.debug("close failed", e);
    }
    transportClosed();
  }

  /** The connection is gone, whoever closed it. Idempotent. */
  void transportClosed() {
    if (!closed.compareAndSet(false, true)) return;
    outbox.close();
    registry.removed(this);
    releaseMembership();
  }

  /**
   * Unsubscribes and marks the member disconnected, unless another connection speaks for it now
   * (the room service decides that under the room's lock). Safe to call twice.
   */
  private void releaseMembership() {
    RoomBus.Subscription s = subscription;
    if (s != null) s.close();
    MemberId m = memberId;
    try {
      if (m != null && !left && rooms.disconnect(roomId, m, this)) {
        log.info("member disconnected room={} member={}", roomId, m);
      }
    } catch (Refusal unavailable) {
      // In a cluster with Redis away, or the room's lease held elsewhere past the wait: asked again later.
      String what = "room=" + roomId + " member=" + m;
      log.warn("could not mark member disconnected {}: {}; asking again later", what, unavailable.getMessage());
      registry.lateDepartures().start(what, () -> rooms.disconnect(roomId, m, this));
    }
  }

  private void write(ByteBuffer utf8, Outbox.Write done) {
    core.sendFrame(new Frame(OpCode.TEXT, utf8), Callback.from(done::succeeded, done::failed), false);
  }
}
