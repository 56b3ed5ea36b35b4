package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.Wire;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.ws.ConnectionPhase.Member;

/**
 * What a member's messages ask of the room's modules: chat, signals, peer credentials, intents and health reports.
 * Each needs a member (without one the sender is told to say hello first) and, for the limited kinds, a token from
 * the member's rate limit (without one the sender is told so); either answer carries the message's ref. Used by one
 * thread at a time, the one handling the connection's messages ({@link ClientConnection}).
 */
final class MemberRequests {
  private final RoomService rooms;
  private final RoomId roomId;
  private final RoomChat chat;
  private final SocketOutput output;
  private final MessageLimits rates;
  private final MemberIntents intents;
  private final SignalRelay signals;
  private final PeerCredentials peerCredentials;
  private final HealthReports reports;

  MemberRequests(RoomService rooms, RoomId roomId, RoomChat chat, SocketOutput output, MessageLimits rates,
      MemberIntents intents, PeerCredentials peerCredentials, HealthReports reports) {
    this.rooms = rooms;
    this.roomId = roomId;
    this.chat = chat;
    this.output = output;
    this.rates = rates;
    this.intents = intents;
    this.peerCredentials = peerCredentials;
    this.reports = reports;
    this.signals = new SignalRelay(rooms, roomId, output);
  }

  /** The ref a message carries for its answer (null for those without one). */
  static String refOf(ClientMessage message) {
    return switch (message) {
      case ClientMessage.IntentMessage i -> i.ref();
      case ClientMessage.QueueMessage q -> q.ref();
      case ClientMessage.Subtitle s -> s.ref();
      default -> null;
    };
  }

  /**
   * Handles {@code message} for {@code member} (null: the connection has not joined). Ping, hello and bye are the
   * connection's own and not handled here.
   */
  void handle(ClientMessage message, Member member) {
    MemberId id = member == null ? null : member.id();
    switch (message) {
      case ClientMessage.Report report -> {
        if (joined(id, null)) reports.report(id, report);
      }
      case ClientMessage.Chat line -> {
        if (!joinedWithin(id, MessageLimits.Kind.CHAT, line.ref())) return;
        orRefuse(line.ref(), () -> chat.post(roomId, id, line.text(), line.lineId()).ifPresent(output::chatLine));
      }
      case ClientMessage.ChatHistory history -> {
        if (joined(id, null)) output.chatPage(chat.page(roomId, history.before()));
      }
      case ClientMessage.ChatDelete delete -> {
        if (!joined(id, delete.ref())) return;
        orRefuse(delete.ref(), () -> chat.delete(roomId, id, delete.id()));
      }
      case ClientMessage.React react -> {
        if (!joinedWithin(id, MessageLimits.Kind.REACTION, react.ref())) return;
        orRefuse(react.ref(), () -> chat.react(roomId, id, react.emoji(), react.messageId(),
            !Boolean.FALSE.equals(react.on())));
      }
      case ClientMessage.Signal signal -> {
        if (joinedWithin(id, MessageLimits.Kind.SIGNAL, signal.ref())) signals.relay(id, signal);
      }
      case ClientMessage.PeerKey peerKey -> {
        if (joinedWithin(id, MessageLimits.Kind.SIGNAL, null)) {
          peerCredentials.answer(rooms, roomId, id, peerKey.key(), output);
        }
      }
      case ClientMessage.IntentMessage intent -> {
        if (!intentWithin(id, intent, intent.ref())) return;
        if (intent instanceof ClientMessage.Buffering || intent instanceof ClientMessage.NeedsClick) reports.playerWaits();
        if (intent instanceof ClientMessage.SetMedia set) {
          intents.placeAndApply(id, member.who().identity().userId(), set.mediaId(), intent, Wire.intent(intent),
              intent.ref());
        } else {
          intents.measuredApply(id, intent, Wire.intent(intent), intent.ref());
        }
      }
      case ClientMessage.QueueMessage queue -> {
        if (!intentWithin(id, queue, queue.ref())) return;
        Intent decoded = Wire.queueIntent(queue, rooms::newQueueItemId);
        if (queue instanceof ClientMessage.QueueAdd add) {
          intents.placeAndApply(id, member.who().identity().userId(), add.mediaId(), queue, decoded, queue.ref());
        } else {
          intents.measuredApply(id, queue, decoded, queue.ref());
        }
      }
      case ClientMessage.Subtitle subtitle -> {
        if (intentWithin(id, subtitle, subtitle.ref())) intents.chooseSubtitle(id, subtitle);
      }
      case ClientMessage.Ping p -> throw new IllegalArgumentException("the connection answers pings");
      case ClientMessage.Hello h -> throw new IllegalArgumentException("the admission answers hellos");
      case ClientMessage.Bye b -> throw new IllegalArgumentException("the connection answers byes");
    }
  }

  private boolean joined(MemberId id, String ref) {
    if (id != null) return true;
    output.error(WireError.HELLO_REQUIRED, "say hello first", ref, null);
    return false;
  }

  /** {@link #joined}, then a token from {@code kind}'s limit; when either is missing the sender is told. */
  private boolean joinedWithin(MemberId id, MessageLimits.Kind kind, String ref) {
    if (!joined(id, ref)) return false;
    String hit = rates.exceeded(kind);
    if (hit == null) return true;
    output.error(WireError.RATE_LIMITED, hit, ref, null);
    return false;
  }

  /** {@link #joinedWithin} for an intent, counting one refused by the rate limit. */
  private boolean intentWithin(MemberId id, ClientMessage message, String ref) {
    if (joinedWithin(id, MessageLimits.Kind.INTENT, ref)) return true;
    if (id != null) intents.rateLimited(message);
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
}
