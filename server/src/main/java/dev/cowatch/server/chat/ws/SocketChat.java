package dev.cowatch.server.chat.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.chat.ChatService;
import dev.cowatch.server.room.ws.RoomChat;
import java.util.Optional;

/** The chat service as a room's socket speaks it: lines as their views. */
public final class SocketChat implements RoomChat {
  private final ChatService chat;

  public SocketChat(ChatService chat) {
    this.chat = chat;
  }

  @Override
  public Optional<ServerMessage.ChatView> post(RoomId roomId, MemberId memberId, String text, String lineId) {
    return chat.post(roomId, memberId, text, lineId).map(ChatService::view);
  }

  @Override
  public void delete(RoomId roomId, MemberId memberId, long messageId) {
    chat.delete(roomId, memberId, messageId);
  }

  @Override
  public void react(RoomId roomId, MemberId memberId, String emoji, Long messageId, boolean on) {
    chat.react(roomId, memberId, emoji, messageId, on);
  }

  @Override
  public int slowModeSeconds(RoomId roomId) {
    return chat.slowModeSeconds(roomId);
  }

  @Override
  public Page page(RoomId roomId, Long before) {
    ChatService.Page page = chat.page(roomId, before);
    return new Page(page.messages().stream().map(ChatService::view).toList(), page.more());
  }
}
