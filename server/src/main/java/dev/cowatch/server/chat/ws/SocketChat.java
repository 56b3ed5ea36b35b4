package dev.cowatch.server.chat.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.chat.ChatService;
import dev.cowatch.server.room.ws.RoomChat;
import java.util.Optional;

/** The chat service as a room's socket speaks it: refusals as wire errors, lines as their views. */
public final class SocketChat implements RoomChat {
  private final ChatService chat;

  public SocketChat(ChatService chat) {
    this.chat = chat;
  }

  @Override
  public Optional<Refused> post(RoomId roomId, MemberId memberId, String text) {
    return chat.post(roomId, memberId, text).map(SocketChat::refused);
  }

  @Override
  public Optional<Refused> delete(RoomId roomId, MemberId memberId, long messageId) {
    return chat.delete(roomId, memberId, messageId).map(SocketChat::refused);
  }

  @Override
  public Optional<Refused> react(RoomId roomId, MemberId memberId, String emoji, Long messageId, boolean on) {
    return chat.react(roomId, memberId, emoji, messageId, on).map(SocketChat::refused);
  }

  @Override
  public Page page(RoomId roomId, Long before) {
    ChatService.Page page = chat.page(roomId, before);
    return new Page(page.messages().stream().map(ChatService::view).toList(), page.more());
  }

  private static Refused refused(ChatService.Refusal r) {
    return new Refused(r.error(), r.message());
  }
}
