package dev.cowatch.server.chat;

import dev.cowatch.core.chat.ChatText;
import dev.cowatch.core.room.Action;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Permissions;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.room.RoomService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Room chat: who may write (the permission table), what a message may be ({@link ChatText}),
 * storing it and telling the room. Messages go out as plain text; no client renders them as HTML.
 */
public final class ChatService {
  /** Messages per page of history. */
  public static final int PAGE = 50;
  /** The emoji people may react with: a small fixed set, so a reaction can never carry text. */
  public static final List<String> EMOJI = List.of("\uD83D\uDC4D", "\u2764\uFE0F", "\uD83D\uDE02", "\uD83D\uDE2E",
      "\uD83D\uDE22", "\uD83D\uDC4F", "\uD83D\uDD25", "\uD83C\uDF89");
  /** The longest mute with an end; longer is "until unmuted". */
  public static final long MAX_MUTE_MINUTES = 7L * 24 * 60;

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
    Optional<Refusal> muted = muted(roomId, member.get());
    if (muted.isPresent()) return muted;
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

  /**
   * An emoji on a chat line ({@code messageId}), or over the video for everyone for a moment (null).
   * Only the emoji of {@link #EMOJI}; muted members may not.
   */
  public Optional<Refusal> react(RoomId roomId, MemberId memberId, String emoji, Long messageId, boolean on) {
    if (!EMOJI.contains(emoji)) {
      return Optional.of(new Refusal(WireError.INVALID_ARGUMENT, "emoji must be one of " + String.join(" ", EMOJI)));
    }
    Optional<Room> room = rooms.find(roomId);
    Optional<Member> member = room.flatMap(r -> r.member(memberId));
    if (member.isEmpty()) return Optional.of(NOT_A_MEMBER);
    if (!Permissions.allows(member.get().role(), Action.CHAT, room.get().settings())) {
      return Optional.of(new Refusal(WireError.NOT_ALLOWED, "your role in this room does not let you react"));
    }
    Optional<Refusal> muted = muted(roomId, member.get());
    if (muted.isPresent()) return muted;
    if (messageId == null) {
      rooms.broadcast(roomId, new ServerMessage.Reaction(memberId.value(), member.get().displayName(), emoji));
      return Optional.empty();
    }
    if (repository.find(roomId.value(), messageId).isEmpty()) {
      return Optional.of(new Refusal(WireError.INVALID_ARGUMENT, "no message " + messageId));
    }
    var reactions = repository.react(messageId, member.get().userId().value(), emoji, on, clock.millis());
    rooms.broadcast(roomId, new ServerMessage.ChatReactions(messageId, reactions));
    return Optional.empty();
  }

  /** Writes a system line (someone joined, paused at 12:31, ...) and tells the room. */
  public void systemLine(RoomId roomId, MemberId memberId, String userId, ChatEvent event) {
    ChatMessage stored = repository.append(new ChatMessage(0, roomId.value(), userId == null ? "" : userId,
        memberId == null ? "" : memberId.value(), event.name(), event.english(), clock.millis(), event, Map.of()));
    rooms.broadcast(roomId, new ServerMessage.Chat(view(stored)));
  }

  /**
   * Mutes {@code target} in the room for {@code minutes} (null: until unmuted). Only those allowed to
   * moderate chat, and only people they outrank.
   */
  public void mute(Identity who, RoomId roomId, UserId target, Integer minutes) {
    Room room = moderated(who, roomId, target);
    if (minutes != null && (minutes < 1 || minutes > MAX_MUTE_MINUTES)) {
      throw new dev.cowatch.server.platform.Refusal(dev.cowatch.server.platform.Refusal.Kind.INVALID, "invalid-mute",
          "minutes must be 1-" + MAX_MUTE_MINUTES + ", or left out for a mute until unmuted");
    }
    Long until = minutes == null ? null : clock.millis() + minutes * 60_000L;
    repository.mute(roomId.value(), target.value(), until, who.userId().value(), clock.millis());
    systemLine(roomId, null, target.value(), new ChatEvent(ChatEvent.Type.MUTED, nameOf(room, target), null));
  }

  public void unmute(Identity who, RoomId roomId, UserId target) {
    Room room = moderated(who, roomId, target);
    if (repository.unmute(roomId.value(), target.value())) {
      systemLine(roomId, null, target.value(), new ChatEvent(ChatEvent.Type.UNMUTED, nameOf(room, target), null));
    }
  }

  private Room moderated(Identity who, RoomId roomId, UserId target) {
    Room room = rooms.find(roomId).orElseThrow(() -> new dev.cowatch.server.platform.Refusal(
        dev.cowatch.server.platform.Refusal.Kind.NOT_FOUND, "room-not-found", "no room '" + roomId.value() + "'"));
    Role actor = room.roster().entry(who.userId()).map(RosterEntry::role).orElse(null);
    if (actor == null || !Permissions.allows(actor, Action.MODERATE_CHAT, room.settings())) {
      throw new dev.cowatch.server.platform.Refusal(dev.cowatch.server.platform.Refusal.Kind.FORBIDDEN, "not-allowed",
          "only the owner and moderators mute people");
    }
    Role targetRole = room.roleOf(target, false);
    if (!actor.outranks(targetRole)) {
      throw new dev.cowatch.server.platform.Refusal(dev.cowatch.server.platform.Refusal.Kind.FORBIDDEN, "not-allowed",
          "you can only mute people below your role");
    }
    return room;
  }

  private static String nameOf(Room room, UserId user) {
    return room.roster().entry(user).map(RosterEntry::displayName)
        .or(() -> room.sessionsOf(user).stream().findFirst().map(Member::displayName)).orElse(user.value());
  }

  private Optional<Refusal> muted(RoomId roomId, Member member) {
    var until = repository.mutedUntil(roomId.value(), member.userId().value());
    if (until.isEmpty() || until.getAsLong() <= clock.millis()) return Optional.empty();
    return Optional.of(new Refusal(WireError.NOT_ALLOWED, until.getAsLong() == Long.MAX_VALUE
        ? "a moderator has muted you in this room"
        : "a moderator has muted you in this room for " + Math.max(1, (until.getAsLong() - clock.millis()) / 60_000)
            + " more minutes"));
  }

  public static ServerMessage.ChatView view(ChatMessage m) {
    ServerMessage.ChatEventView event = m.event() == null ? null
        : new ServerMessage.ChatEventView(m.event().type().wire(), m.event().name(), m.event().positionMs());
    return new ServerMessage.ChatView(m.id(), m.memberId(), m.userId(), m.name(), m.text(), m.atMs(),
        m.isSystem() ? "system" : "user", event, m.reactions());
  }

}
