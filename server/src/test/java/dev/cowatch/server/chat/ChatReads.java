package dev.cowatch.server.chat;

import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import java.util.List;

/** What a test's socket was told of the chat. */
final class ChatReads {
  private ChatReads() {}

  /** The people's lines it received live, in order (system lines aside). */
  static List<ServerMessage.ChatView> written(RawSocket s) {
    return s.messages(ServerMessage.Chat.class).stream().map(ServerMessage.Chat::message)
        .filter(m -> m.kind().equals("user")).toList();
  }

  /** Their texts. */
  static List<String> writtenTexts(RawSocket s) {
    return written(s).stream().map(ServerMessage.ChatView::text).toList();
  }
}
