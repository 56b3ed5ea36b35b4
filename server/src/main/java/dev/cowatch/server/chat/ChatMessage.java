package dev.cowatch.server.chat;

import java.util.List;
import java.util.Map;

/**
 * One stored chat line; {@code id} is 0 until stored.
 *
 * @param event what a system line reports; null for lines people write
 * @param reactions emoji to the user ids who chose it (in the order they did)
 */
public record ChatMessage(long id, String roomId, String userId, String memberId, String name, String text,
    long atMs, ChatEvent event, Map<String, List<String>> reactions) {

  public ChatMessage {
    reactions = reactions == null ? Map.of() : reactions;
  }

  /** A line someone wrote. */
  public ChatMessage(long id, String roomId, String userId, String memberId, String name, String text, long atMs) {
    this(id, roomId, userId, memberId, name, text, atMs, null, Map.of());
  }

  public boolean isSystem() {
    return event != null;
  }

  public ChatMessage withReactions(Map<String, List<String>> r) {
    return new ChatMessage(id, roomId, userId, memberId, name, text, atMs, event, r);
  }
}
