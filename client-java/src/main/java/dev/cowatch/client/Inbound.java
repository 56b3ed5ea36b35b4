package dev.cowatch.client;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ProtocolException;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each message from the room and hands it to the part of the client it concerns: the mirror,
 * clock sync, the connection (a join's resume token) or straight to the listeners.
 *
 * <p>Threads: the transport's thread, one message at a time.
 */
final class Inbound {
  private static final Logger log = LoggerFactory.getLogger(Inbound.class);

  private final ClientClock clock;
  private final JsonCodec codec;
  private final RoomConnection connection;
  private final RoomMirror mirror;
  private final ClockPinger pinger;
  private final List<ClientListener> listeners;

  Inbound(ClientClock clock, JsonCodec codec, RoomConnection connection, RoomMirror mirror, ClockPinger pinger,
      List<ClientListener> listeners) {
    this.clock = clock;
    this.codec = codec;
    this.connection = connection;
    this.mirror = mirror;
    this.pinger = pinger;
    this.listeners = listeners;
  }

  void onText(String text) {
    // Read before decoding: a pong's receive time is one end of the round trip.
    double receivedAt = clock.nowMs();
    ServerMessage message;
    try {
      message = codec.decodeServer(text);
    } catch (ProtocolException e) {
      log.warn("cannot read server message: {}", e.getMessage());
      return;
    }
    switch (message) {
      case ServerMessage.Pong pong -> pinger.pong(pong, receivedAt);
      case ServerMessage.Joined j -> {
        CompletableFuture<Void> done = connection.joined(j.resumeToken());
        mirror.joined(j);
        done.complete(null);
      }
      case ServerMessage.TimelineUpdate u -> mirror.timeline(u.timeline(), u.cause());
      case ServerMessage.Presence p -> mirror.presence(p);
      case ServerMessage.PresenceChanges c -> mirror.presence(c);
      case ServerMessage.Error e -> onError(e);
      case ServerMessage.Bye bye -> log.debug("server said bye: {}", bye.reason());
      case ServerMessage.SettingsUpdate update -> log.debug("room settings changed: {}", update.settings());
      case ServerMessage.Chat chat -> listeners.forEach(l -> l.onChat(chat));
      case ServerMessage.ChatHistory history -> listeners.forEach(l -> l.onChat(history));
      case ServerMessage.ChatDeleted deleted -> listeners.forEach(l -> l.onChat(deleted));
      case ServerMessage.ChatReactions reactions -> listeners.forEach(l -> l.onChat(reactions));
      case ServerMessage.Reaction reaction -> listeners.forEach(l -> l.onChat(reaction));
      case ServerMessage.Reactions counted -> listeners.forEach(l -> l.onChat(counted));
      case ServerMessage.ChatSettings settings -> listeners.forEach(l -> l.onChat(settings));
      case ServerMessage.ChatSkipped skipped -> listeners.forEach(l -> l.onChat(skipped));
      case ServerMessage.Queue queue -> log.debug("queue changed: {} videos", queue.items().size());
      case ServerMessage.Subtitle s -> mirror.subtitle(s);
      // For the peer mesh (client.peer), when there is one; without it a peer that offers gets no answer.
      case ServerMessage.Signal s -> listeners.forEach(l -> l.onSignal(s));
      case ServerMessage.Notice n -> listeners.forEach(l -> l.onNotice(n));
      case ServerMessage.PeerCredentialIssued c -> listeners.forEach(l -> l.onPeerCredential(c));
    }
  }

  private void onError(ServerMessage.Error e) {
    if (e.code().equals(WireError.VERSION_FROM_FUTURE.code()) && e.timeline() != null) {
      mirror.resetTimeline(e.timeline());
    } else if (e.timeline() != null) {
      mirror.timeline(e.timeline(), null);
    }
    for (ClientListener l : listeners) l.onError(e);
  }
}
