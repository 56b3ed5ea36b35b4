package dev.cowatch.server.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Port: stored chat. Deleted messages are kept as deleted (for moderation records) but never served. */
public interface ChatRepository {

  /** Stores the message (a system line when it has an event); returns it with its id. */
  ChatMessage append(ChatMessage message);

  /**
   * Stores the messages in their order, all or none, in one transaction: one commit (one flush to disk)
   * for them all. Returns them with their ids, in the same order.
   */
  List<ChatMessage> appendAll(List<ChatMessage> messages);

  /** Up to {@code limit} undeleted messages of the room before {@code beforeId} (null: newest), oldest first, with reactions. */
  List<ChatMessage> page(String roomId, Long beforeId, int limit);

  Optional<ChatMessage> find(String roomId, long id);

  /** The line {@code userId} named {@code lineId} in the room (deleted or not: a name is used once). */
  Optional<ChatMessage> findByLineId(String roomId, String userId, String lineId);

  /** False if there was no such undeleted message. */
  boolean delete(String roomId, long id, String deletedBy, long atMs);

  /** Adds ({@code on}) or takes back a user's emoji on a line; returns the line's reactions after. */
  Map<String, List<String>> react(long messageId, String userId, String emoji, boolean on, long atMs);

  /** How many different emoji a line carries. */
  int emojiCount(long messageId);

  /** Mutes a user in a room until {@code untilMs} (null: until unmuted), replacing an earlier mute. */
  void mute(String roomId, String userId, Long untilMs, String by, long atMs);

  /** False if the user was not muted. */
  boolean unmute(String roomId, String userId);

  /** When the user's mute ends: empty when not muted, Long.MAX_VALUE when it has no end. */
  OptionalLong mutedUntil(String roomId, String userId);

  /** The room's slow mode: one line per this many seconds for each writer; 0 when off. */
  int slowModeSeconds(String roomId);

  /** Sets the room's slow mode (0: off), replacing what was set. */
  void setSlowMode(String roomId, int seconds, String by, long atMs);

  /** When the user last wrote a line in the room (system lines aside): empty when never. */
  OptionalLong lastLineAt(String roomId, String userId);
}
