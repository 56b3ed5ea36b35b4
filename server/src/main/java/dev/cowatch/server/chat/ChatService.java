package dev.cowatch.server.chat;

import dev.cowatch.core.chat.ChatText;
import dev.cowatch.core.room.Action;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Permissions;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.room.RoomService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Room chat: who may write (the permission table), what a message may be ({@link ChatText}),
 * storing it and telling the room. Messages go out as plain text; no client renders them as HTML.
 */
public final class ChatService {
  /** Messages per page of history. */
  public static final int PAGE = 50;

  private final RoomService rooms;
  private final ChatRepository repository;
  private final Clock clock;

  public ChatService(RoomService rooms, ChatRepository repository, Clock clock) {
    this.rooms = rooms;
    this.repository = repository;
    this.clock = clock;
  }

  /** Why a chat request was refused, as the error the sender gets. */
  public record Refusal(WireError error, String message) {}

  private static final Refusal NOT_A_MEMBER = new Refusal(WireError.NOT_A_MEMBER, "not a member of this room");

  /** A page of history, oldest first, and whether older messages exist. */
  public record Page(List<ChatMessage> messages, boolean more) {}

  public Optional<Refusal> post(RoomId roomId, MemberId memberId, String text) {
    Optional<String> problem = ChatText.problem(text);
    if (problem.isPresent()) return Optional.of(new Refusal(WireError.INVALID_ARGUMENT, problem.get()));
    Optional<Room> room = rooms.find(roomId);
    Optional<Member> member = room.flatMap(r -> r.member(memberId));
    if (member.isEmpty()) return Optional.of(NOT_A_MEMBER);
    if (!Permissions.allows(member.get().role(), Action.CHAT, room.get().settings())) {
      return Optional.of(new Refusal(WireError.NOT_ALLOWED, "your role in this room does not let you chat"));
    }
    Member m = member.get();
    ChatMessage stored = repository.append(new ChatMessage(0, roomId.value(), m.userId().value(), m.id().value(),
        m.displayName(), ChatText.normalize(text), clock.millis()));
    rooms.broadcast(roomId, new ServerMessage.Chat(view(stored)));
    return Optional.empty();
  }

  public Page page(RoomId roomId, Long before) {
    List<ChatMessage> fetched = repository.page(roomId.value(), before, PAGE + 1);
    boolean more = fetched.size() > PAGE;
    return new Page(more ? fetched.subList(1, fetched.size()) : fetched, more);
  }

  /** Deletes a message: the author's own, or anyone's for those allowed to moderate chat. */
  public Optional<Refusal> delete(RoomId roomId, MemberId memberId, long messageId) {
    Optional<Room> room = rooms.find(roomId);
    Optional<Member> member = room.flatMap(r -> r.member(memberId));
    if (member.isEmpty()) return Optional.of(NOT_A_MEMBER);
    Optional<ChatMessage> message = repository.find(roomId.value(), messageId);
    if (message.isEmpty()) return Optional.of(new Refusal(WireError.INVALID_ARGUMENT, "no message " + messageId));
    boolean own = message.get().userId().equals(member.get().userId().value());
    if (!own && !Permissions.allows(member.get().role(), Action.MODERATE_CHAT, room.get().settings())) {
      return Optional.of(new Refusal(WireError.NOT_ALLOWED, "only the owner and moderators delete others' messages"));
    }
    if (repository.delete(roomId.value(), messageId, member.get().userId().value(), clock.millis())) {
      rooms.broadcast(roomId, new ServerMessage.ChatDeleted(messageId));
    }
    return Optional.empty();
  }

  public static ServerMessage.ChatView view(ChatMessage m) {
    return new ServerMessage.ChatView(m.id(), m.memberId(), m.userId(), m.name(), m.text(), m.atMs());
  }

}
