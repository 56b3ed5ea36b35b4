package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.account.Authenticator.Authenticated;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.ws.ConnectionPhase.Closed;
import dev.cowatch.server.room.ws.ConnectionPhase.Member;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A connection's way from its hello to its member being in the room: the protocol checked, a turn among this node's
 * hellos ({@link JoinTurns}), the token checked, the join (a resume token given back takes over its member), the chat
 * history; or the refusal, which closes the connection when nothing more can happen on it
 * ({@link SocketErrors#helloClose}) and otherwise leaves it waiting for another hello.
 *
 * <p>A hello is answered on a thread of its own, which may wait seconds (for a turn, the database, the room) while
 * the connection goes on reading: what the client sends meanwhile, pings aside, is held ({@link HeldForHello}) and
 * handled on the hello's thread right after it, in the order read. So the connection's messages are handled by one
 * thread at a time: its reading thread, or the hello's while it answers.
 */
final class Admission {
  private static final Logger log = LoggerFactory.getLogger(Admission.class);

  private final ClientConnection connection;
  private final ConnectionLife life;
  private final Closing closing;
  private final RoomId roomId;
  private final RoomService rooms;
  private final RoomChat chat;
  private final Identities identities;
  private final ConnectionRegistry registry;
  private final JoinTurns turns;
  private final SocketOutput output;
  private final ChatHistoryGate chatGate;
  private final HeldForHello held = new HeldForHello(HeldForHello.CAPACITY);

  Admission(ClientConnection connection, ConnectionLife life, Closing closing, RoomId roomId, RoomService rooms,
      RoomChat chat, Identities identities, ConnectionRegistry registry, JoinTurns turns, SocketOutput output,
      ChatHistoryGate chatGate) {
    this.connection = connection;
    this.life = life;
    this.closing = closing;
    this.roomId = roomId;
    this.rooms = rooms;
    this.chat = chat;
    this.identities = identities;
    this.registry = registry;
    this.turns = turns;
    this.output = output;
    this.chatGate = chatGate;
  }

  /**
   * On the reading thread, for every message but a ping: true when a hello is being answered and {@code message}
   * was taken for after it (held, or refused as one too many); false when it is to be handled now.
   */
  boolean takes(ClientMessage message, long receivedAtMs) {
    return switch (held.hold(message, receivedAtMs)) {
      case HELD -> true;
      case FULL -> {
        output.error(WireError.RATE_LIMITED, "at most " + HeldForHello.CAPACITY + " messages before joined",
            MemberRequests.refOf(message), null);
        yield true;
      }
      case NOT_ANSWERING -> false;
    };
  }

  /** A hello, on the thread handling the connection's messages: starts answering it on a thread of its own. */
  void hello(ClientMessage.Hello hello) {
    ConnectionPhase now = life.now();
    if (now.member() != null) {
      output.error(WireError.ALREADY_JOINED, "this connection already joined", null, null);
      return;
    }
    if (hello.protocol() != JsonCodec.PROTOCOL_VERSION) {
      output.error(WireError.UNSUPPORTED_PROTOCOL, "this server speaks protocol " + JsonCodec.PROTOCOL_VERSION, null,
          null);
      closing.endAfterSending(new SocketErrors.Close(CloseCodes.PROTOCOL_ERROR, "unsupported protocol"));
      return;
    }
    // Only from AwaitingHello: a hello read while another is answered, or once the connection ends, is not answered.
    if (!life.beginAdmission()) return;
    // Before the thread starts, so that every message read from now on is held for after the hello.
    held.begin();
    Thread.ofVirtual().name("hello-" + roomId.value()).start(() -> answer(hello));
  }

  /** On the hello's thread: a turn, then sign-in and join; then what was held meanwhile, in the order it was read. */
  private void answer(ClientMessage.Hello hello) {
    MDC.put("room", roomId.value());
    try {
      try {
        // A connection that closed while its hello waited for a turn has nothing to sign in for.
        if (!turns.take(() -> {
          if (!(life.now() instanceof Closed)) signInAndJoin(hello);
        })) {
          refuse(JoinTurns.busy());
        }
      } catch (RuntimeException e) {
        connection.refuseOrEnd(e, null);
      }
      life.admissionOver();
      for (HeldForHello.Held h; (h = held.next()) != null; ) connection.handleHeld(h.message(), h.receivedAtMs());
    } finally {
      MDC.remove("room");
    }
  }

  private void signInAndJoin(ClientMessage.Hello hello) {
    Optional<Authenticated> who;
    try {
      who = BusyDatabase.retried(() -> identities.of(hello.token(), hello.name()));
    } catch (RuntimeException e) {
      refuse(e);
      return;
    }
    if (who.isEmpty()) {
      output.error(WireError.UNAUTHORIZED, "the access token is invalid or expired: sign in again", null, null);
      closing.endAfterSending(new SocketErrors.Close(CloseCodes.UNAUTHORIZED, "unauthorized"));
      return;
    }
    if (life.signedIn(who.get())) join(hello, who.get());
  }

  /**
   * Joins the room as {@code who} and registers the connection as the member's. Whoever closes the connection
   * releases the member it finds in the phase; a close that came before the join was decided found none, so the
   * member is released here.
   */
  private void join(ClientMessage.Hello hello, Authenticated who) {
    dev.cowatch.server.room.members.Joined joined;
    try {
      joined = BusyDatabase.retried(() -> rooms.join(roomId, who.identity(), hello.name(), hello.resumeToken(),
          connection));
    } catch (RuntimeException e) {
      refuse(e);
      return;
    }
    Member member = new Member(who, joined.memberId(), joined.subscription());
    ConnectionPhase now = life.joined(member);
    // Also when closed: the member's older connection, which the join took it over from, is replaced either way.
    registry.joined(connection);
    if (now instanceof Closed closed) {
      registry.removed(connection);
      closing.release(member, closed.left());
      return;
    }
    // Read after subscribing, so no line falls between; the gate keeps the order and drops repeats.
    sendChatHistory(member.id());
    // A close between the join and the registry's entry removed what it found: the entry made after it goes here.
    if (life.now() instanceof Closed) registry.removed(connection);
  }

  /** Answers a hello that could not be let in, and ends the connection when nothing more can happen on it. */
  private void refuse(RuntimeException e) {
    Refusal refusal = SocketErrors.refusalOrRethrow(e);
    // The database, still too busy after the tries: an operator should see it (a room's own refusals are not news).
    if (!(e instanceof Refusal)) log.warn("hello refused, the database did not answer room={}: {}", roomId, e.toString());
    output.refusal(refusal, null);
    SocketErrors.helloClose(SocketErrors.wireError(refusal)).ifPresent(closing::endAfterSending);
  }

  /**
   * The room's newest chat lines, then the live ones (held until then, so none is lost or repeated). A database too
   * busy to answer, even after a few tries, does not undo the join: live chat flows without a history, which the
   * client may ask for again.
   */
  private void sendChatHistory(MemberId member) {
    RoomChat.Page history;
    int slowModeSeconds;
    try {
      history = BusyDatabase.retried(() -> chat.page(roomId, null));
      slowModeSeconds = BusyDatabase.retried(() -> chat.slowModeSeconds(roomId));
    } catch (RuntimeException e) {
      chatGate.open(Set.of(), 0, () -> { }, output::broadcast);
      if (!DatabaseFaults.isUnavailable(e)) throw e;
      log.warn("joined without the chat history, the database did not answer room={} member={}", roomId, member);
      return;
    }
    chatGate.open(history.lineIds(), history.olderBelow(), () -> {
      output.chatPage(history);
      if (slowModeSeconds > 0) output.chatSettings(slowModeSeconds);
    }, output::broadcast);
  }
}
