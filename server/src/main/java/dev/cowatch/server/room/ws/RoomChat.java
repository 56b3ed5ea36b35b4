package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Port: the chat a room's socket carries. The chat module implements it, so the socket speaks chat
 * without the rooms module depending on chat (chat depends on rooms).
 */
public interface RoomChat {
  /** A page of history as sent, oldest first, and whether older lines exist. */
  record Page(List<ServerMessage.ChatView> lines, boolean more) {
    public Page {
      lines = List.copyOf(lines);
    }

    /** The lines' ids: a joiner's live events repeating one of them are dropped. */
    public Set<Long> lineIds() {
      return lines.stream().map(ServerMessage.ChatView::id).collect(Collectors.toSet());
    }

    /**
     * Lines with an id below this are behind the page, where the client reaches them by asking for older history: the
     * page's oldest line when there are older ones, else 0.
     */
    public long olderBelow() {
      return more && !lines.isEmpty() ? lines.getFirst().id() : 0;
    }
  }

  /** Posts a line; throws a {@link dev.cowatch.server.platform.Refusal} saying why not. */
  default void post(RoomId roomId, MemberId memberId, String text) {
    post(roomId, memberId, text, null);
  }

  /**
   * Posts a line the client named {@code lineId} (null: unnamed). A name its user already used in the
   * room stores nothing: the stored line comes back, for the sender alone. Empty when the line is new
   * (the room was told). Throws a {@link dev.cowatch.server.platform.Refusal} saying why not.
   */
  java.util.Optional<ServerMessage.ChatView> post(RoomId roomId, MemberId memberId, String text, String lineId);

  /** Deletes a line; throws a {@link dev.cowatch.server.platform.Refusal} saying why not. */
  void delete(RoomId roomId, MemberId memberId, long messageId);

  /** Reacts on a line or over the video; throws a {@link dev.cowatch.server.platform.Refusal} saying why not. */
  void react(RoomId roomId, MemberId memberId, String emoji, Long messageId, boolean on);

  /** The room's slow mode: one line per this many seconds for each writer but its staff; 0 when off. */
  int slowModeSeconds(RoomId roomId);

  /** The page before line {@code before}, or the newest page when null. */
  Page page(RoomId roomId, Long before);
}
