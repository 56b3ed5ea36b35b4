package dev.cowatch.server.chat;

/** One stored chat line; {@code id} is 0 until stored. */
public record ChatMessage(long id, String roomId, String userId, String memberId, String name, String text,
    long atMs) {
}
