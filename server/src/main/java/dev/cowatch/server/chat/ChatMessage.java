package dev.cowatch.server.chat;

import java.util.List;
import java.util.Map;

/**
 * One stored chat line; {@code id} is 0 until stored.
 *
 * @param event what a system line reports; null for lines people write
 * @param reactions emoji to the user ids who chose it (in the order they did)
 * @param lineId the client's own name for the line, stored once per user and room; null when unnamed
 */
public record ChatMessage(long id, String roomId, String userId, String memberId, String name, String text,
    long atMs, ChatEvent event, Map<String, List<String>> reactions, String lineId) {

  public ChatMessage {
    reactions = reactions == null ? Map.of() : reactions;
  }

  /** A line someone wrote. */
  public ChatMessage(long id, String roomId, String userId, String memberId, String name, String text, long atMs) {
    this(id, roomId, userId, memberId, name, text, atMs, null, Map.of(), null);
  }

  /** A line without a client's name for it. */
  public ChatMessage(long id, String roomId, String userId, String memberId, String name, String text, long atMs,
      ChatEvent event, Map<String, List<String>> reactions) {
    this(id, roomId, userId, memberId, name, text, atMs, event, reactions, null);
  }

  public boolean isSystem() {
    return event != null;
  }

  public ChatMessage withReactions(Map<String, List<String>> r) {
    return new ChatMessage(id, roomId, userId, memberId, name, text, atMs, event, r, lineId);
  }
}
