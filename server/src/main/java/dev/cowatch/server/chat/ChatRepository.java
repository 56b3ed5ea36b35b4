package dev.cowatch.server.chat;

import java.util.List;
import java.util.Optional;

/** Port: stored chat. Deleted messages are kept as deleted (for moderation records) but never served. */
public interface ChatRepository {

  /** Stores the message; returns it with its id. */
  ChatMessage append(ChatMessage message);

  /** Up to {@code limit} undeleted messages of the room before {@code beforeId} (null: newest), oldest first. */
  List<ChatMessage> page(String roomId, Long beforeId, int limit);

  Optional<ChatMessage> find(String roomId, long id);

  /** False if there was no such undeleted message. */
  boolean delete(String roomId, long id, String deletedBy, long atMs);
}
