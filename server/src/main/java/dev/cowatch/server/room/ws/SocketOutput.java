package dev.cowatch.server.room.ws;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.Pings;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.bus.Broadcast;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * What one connection writes, through its bounded {@link Outbox}: answers to the client (pongs,
 * errors, chat pages) and the room's broadcasts. An offer the outbox refuses means the client cannot
 * keep up; {@code slow} is told, and decides what to do about it.
 */
final class SocketOutput {
  private final Outbox outbox;
  private final JsonCodec codec;
  private final Clock clock;
  private final Runnable slow;

  SocketOutput(Outbox outbox, JsonCodec codec, Clock clock, Runnable slow) {
    this.outbox = outbox;
    this.codec = codec;
    this.clock = clock;
    this.slow = slow;
  }

  /** Answered with the time it is written, not when it was queued: the client's estimate needs t2. */
  void pong(long t0, long receivedAtMs) {
    offer(() -> ByteBuffer.wrap(Pings.pong(t0, receivedAtMs, clock.millis())));
  }

  void error(WireError error, String message, String ref, ServerMessage.TimelineView timeline) {
    ByteBuffer json = utf8(codec.encode(new ServerMessage.Error(error.code(), message, ref, timeline)));
    offer(() -> json);
  }

  /** A service's refusal, answering the message {@code ref}. */
  void refusal(Refusal refusal, String ref) {
    error(SocketErrors.wireError(refusal), refusal.getMessage(), ref, null);
  }

  void chatPage(RoomChat.Page page) {
    ByteBuffer json = utf8(codec.encode(new ServerMessage.ChatHistory(page.lines(), page.more())));
    offer(() -> json);
  }

  /** The room's chat settings, for this connection alone (after a join's history). */
  void chatSettings(int slowModeSeconds) {
    ByteBuffer json = utf8(codec.encode(new ServerMessage.ChatSettings(slowModeSeconds)));
    offer(() -> json);
  }

  /** One line for this connection alone: the stored copy of a line its client sent again. */
  void chatLine(ServerMessage.ChatView line) {
    ByteBuffer json = utf8(codec.encode(new ServerMessage.Chat(line)));
    offer(() -> json);
  }

  /** This member's peer credential, for its {@code peerKey}. */
  void peerCredential(ServerMessage.PeerCredentialIssued credential) {
    ByteBuffer json = utf8(codec.encode(credential));
    offer(() -> json);
  }

  /** Sent if there is room, without calling the client slow: the connection ends after it anyway. */
  void bye(String reason) {
    outbox.offer(() -> utf8(codec.encode(new ServerMessage.Bye(reason))));
  }

  /** A broadcast for everyone in the room; the latest timeline and presence replace ones not yet sent. */
  void broadcast(Broadcast broadcast) {
    switch (broadcast.kind()) {
      case TIMELINE -> outbox.offerTimeline(broadcast.payload());
      case PRESENCE -> outbox.offerPresence(broadcast.payload());
      case PRESENCE_CHANGES -> outbox.offerPresenceChanges(broadcast.payload(), broadcast.wholePayload());
      default -> offer(broadcast::payload);
    }
  }

  /** The part of a personal broadcast meant for {@code memberId}, if there is one. */
  void personal(Broadcast broadcast, String memberId) {
    ByteBuffer mine = broadcast.personalPayload(memberId);
    if (mine != null) offer(() -> mine);
  }

  /** The room removed this member: sent if there is room, without calling the client slow, as {@link #bye}. */
  void removed(Broadcast broadcast) {
    outbox.offer(broadcast::payload);
  }

  private void offer(java.util.function.Supplier<ByteBuffer> message) {
    if (!outbox.offer(message)) slow.run();
  }

  private static ByteBuffer utf8(String json) {
    return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
  }
}
