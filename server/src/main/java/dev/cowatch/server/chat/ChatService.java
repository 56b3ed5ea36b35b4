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
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.decisions.RoomRefusals;
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
  /** The slowest slow mode: one line per ten minutes. */
  public static final int MAX_SLOW_MODE_SECONDS = 600;
  /** The longest mute with an end; longer is "until unmuted". */
  public static final long MAX_MUTE_MINUTES = 7L * 24 * 60;
  /** A client's name for a line: the same alphabet and length as a signal's session. */
  private static final java.util.regex.Pattern LINE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final RoomService rooms;
  private final ChatRepository repository;
  private final Clock clock;
  private final ReactionTally tally = new ReactionTally();
  private final LiveChatGate liveChat = new LiveChatGate();

  public ChatService(RoomService rooms, ChatRepository repository, Clock clock) {
    this.rooms = rooms;
    this.repository = repository;
    this.clock = clock;
  }

  /** A page of history, oldest first, and whether older messages exist. */
  public record Page(List<ChatMessage> messages, boolean more) {}

  /**
   * Stores a member's line and tells the room.
   *
   * @throws Refusal when the text is not a chat line, or the member may not write
   */
  public void post(RoomId roomId, MemberId memberId, String text) {
    post(roomId, memberId, text, null);
  }

  /**
   * Stores a member's line named {@code lineId} by its client (null: unnamed) and tells the room. A
   * name its user already used in this room stores nothing and tells nobody: the stored line comes
   * back (a line handed back twice, after a lost answer or from two tabs, is kept once).
   *
   * @return the line stored earlier under that name; empty when this one is new
   * @throws Refusal when the text or the name is not valid, or the member may not write
   */
  public Optional<ChatMessage> post(RoomId roomId, MemberId memberId, String text, String lineId) {
    if (lineId != null && !LINE_ID.matcher(lineId).matches()) {
      throw RoomRefusals.invalid("lineId must be 1-64 of A-Z a-z 0-9 - _");
    }
    Optional<String> problem = ChatText.problem(text);
    if (problem.isPresent()) throw RoomRefusals.invalid(problem.get());
    Room room = rooms.find(roomId).orElseThrow(RoomRefusals::notAMember);
    Member m = room.member(memberId).orElseThrow(RoomRefusals::notAMember);
    if (!Permissions.allows(m.role(), Action.CHAT, room.settings())) {
      throw RoomRefusals.forbidden("your role in this room does not let you chat");
    }
    if (lineId != null) {
      Optional<ChatMessage> earlier = repository.findByLineId(roomId.value(), m.userId().value(), lineId);
      if (earlier.isPresent()) return earlier;
    }
    refuseIfMuted(roomId, m);
    boolean staff = Permissions.allows(m.role(), Action.MODERATE_CHAT, room.settings());
    if (!staff) refuseIfTooSoon(room, m);
    ChatMessage line = new ChatMessage(0, roomId.value(), m.userId().value(), m.id().value(), m.displayName(),
        ChatText.normalize(text), clock.millis(), null, Map.of(), lineId);
    ChatMessage stored;
    try {
      stored = repository.append(line);
    } catch (RuntimeException raced) {
      // The same name from another connection of the user, stored between the look-up and here.
      Optional<ChatMessage> other = lineId == null ? Optional.empty()
          : repository.findByLineId(roomId.value(), m.userId().value(), lineId);
      if (other.isPresent()) return other;
      throw raced;
    }
    ServerMessage.Chat live = new ServerMessage.Chat(view(stored));
    // A crowd's viewers get its lines at a rate they can read (LiveChatGate); staff always, the writer always.
    if (!isCrowd(room) || staff || liveChat.pass(roomId, clock.millis())) {
      rooms.broadcast(roomId, live);
    } else {
      rooms.sendTo(roomId, memberId, live);
    }
    return Optional.empty();
  }

  public Page page(RoomId roomId, Long before) {
    List<ChatMessage> fetched = repository.page(roomId.value(), before, PAGE + 1);
    boolean more = fetched.size() > PAGE;
    return new Page(more ? fetched.subList(1, fetched.size()) : fetched, more);
  }

  /**
   * Deletes a message: the author's own, or anyone's for those allowed to moderate chat.
   *
   * @throws Refusal when there is no such message or the member may not delete it
   */
  public void delete(RoomId roomId, MemberId memberId, long messageId) {
    Room room = rooms.find(roomId).orElseThrow(RoomRefusals::notAMember);
    Member member = room.member(memberId).orElseThrow(RoomRefusals::notAMember);
    ChatMessage message = repository.find(roomId.value(), messageId).orElseThrow(() -> noMessage(messageId));
    boolean own = message.userId().equals(member.userId().value());
    if (!own && !Permissions.allows(member.role(), Action.MODERATE_CHAT, room.settings())) {
      throw RoomRefusals.forbidden("only the owner and moderators delete others' messages");
    }
    if (repository.delete(roomId.value(), messageId, member.userId().value(), clock.millis())) {
      rooms.broadcast(roomId, new ServerMessage.ChatDeleted(messageId));
    }
  }

  /**
   * An emoji on a chat line ({@code messageId}), or over the video for everyone for a moment (null).
   * Only the emoji of {@link #EMOJI}; muted members may not.
   *
   * @throws Refusal when the emoji, the line or the member's right to react is not there
   */
  public void react(RoomId roomId, MemberId memberId, String emoji, Long messageId, boolean on) {
    if (!EMOJI.contains(emoji)) throw RoomRefusals.invalid("emoji must be one of " + String.join(" ", EMOJI));
    Room room = rooms.find(roomId).orElseThrow(RoomRefusals::notAMember);
    Member member = room.member(memberId).orElseThrow(RoomRefusals::notAMember);
    if (!Permissions.allows(member.role(), Action.CHAT, room.settings())) {
      throw RoomRefusals.forbidden("your role in this room does not let you react");
    }
    refuseIfMuted(roomId, member);
    if (messageId == null) {
      // A small room sees who sent it at once; a big one gets the second's counts (ReactionTally).
      if (!isCrowd(room)) {
        rooms.broadcast(roomId, new ServerMessage.Reaction(memberId.value(), member.displayName(), emoji));
      } else {
        tally.add(roomId, emoji);
      }
      return;
    }
    if (repository.find(roomId.value(), messageId).isEmpty()) throw noMessage(messageId);
    var reactions = repository.react(messageId, member.userId().value(), emoji, on, clock.millis());
    rooms.broadcast(roomId, new ServerMessage.ChatReactions(messageId, reactions));
  }

  /** How often a crowd's counts go out: its reactions over the video (ReactionTally), its lines not sent live. */
  public static final long CROWD_WINDOW_MS = 1_000;

  /**
   * Every CROWD_WINDOW_MS: sends each crowd the reactions its members sent on this node since the last call, counted,
   * and how many of its chat lines this node did not send everyone live (LiveChatGate).
   */
  public void sendCrowdCounts() {
    tally.drain().forEach((roomId, counts) -> rooms.broadcast(roomId, new ServerMessage.Reactions(counts,
        CROWD_WINDOW_MS)));
    liveChat.drain(clock.millis()).forEach((roomId, count) -> rooms.broadcast(roomId, new ServerMessage.ChatSkipped(count,
        CROWD_WINDOW_MS)));
  }

  /**
   * A room big enough that its chat is thinned and its reactions counted: past the size where its joins stop making
   * lines (ChatSystemLines.QUIET_ROOM_MEMBERS), for the same reason.
   */
  private static boolean isCrowd(Room room) {
    return room.members().size() > ChatSystemLines.QUIET_ROOM_MEMBERS;
  }

  /** Writes a system line (someone joined, paused at 12:31, ...) and tells the room. */
  public void systemLine(RoomId roomId, MemberId memberId, String userId, ChatEvent event) {
    systemLines(List.of(new SystemLine(roomId, memberId, userId, event)));
  }

  /** A system line to write: the room, who it is about (either may be null) and what happened. */
  public record SystemLine(RoomId roomId, MemberId memberId, String userId, ChatEvent event) {}

  /**
   * Writes system lines in their order in one transaction, then sends each to its room: a join storm's
   * "joined" lines cost one commit for each batch instead of one each (in the capacity run, 50,000 lines
   * one commit at a time fell minutes behind the joins they told of).
   */
  public void systemLines(List<SystemLine> lines) {
    long now = clock.millis();
    List<ChatMessage> stored = repository.appendAll(lines.stream().map(l -> new ChatMessage(0, l.roomId().value(),
        l.userId() == null ? "" : l.userId(), l.memberId() == null ? "" : l.memberId().value(), l.event().name(),
        l.event().english(), now, l.event(), Map.of())).toList());
    for (ChatMessage m : stored) rooms.broadcast(new RoomId(m.roomId()), new ServerMessage.Chat(view(m)));
  }

  /**
   * Mutes {@code target} in the room for {@code minutes} (null: until unmuted). Only those allowed to
   * moderate chat, and only people they outrank.
   */
  public void mute(Identity who, RoomId roomId, UserId target, Integer minutes) {
    Room room = moderated(who, roomId, target);
    if (minutes != null && (minutes < 1 || minutes > MAX_MUTE_MINUTES)) {
      throw new Refusal(Refusal.Kind.INVALID, "invalid-mute",
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

  /** The room's slow mode in seconds; 0 when off. */
  public int slowModeSeconds(RoomId roomId) {
    return repository.slowModeSeconds(roomId.value());
  }

  /**
   * Sets the room's slow mode: each person may write one line per {@code seconds} (0: off); the room's staff (those who
   * moderate its chat) are exempt. Only they may set it; the room is told (a {@code chatSettings} message).
   *
   * @param seconds null when the request had none: refused as invalid, after the caller's right to set it
   */
  public void setSlowMode(Identity who, RoomId roomId, Integer seconds) {
    Room room = rooms.find(roomId).orElseThrow(() -> RoomRefusals.roomNotFound(roomId.value()));
    if (!moderates(room, who.userId())) throw RoomRefusals.forbidden("only the owner and moderators set slow mode");
    if (seconds == null || seconds < 0 || seconds > MAX_SLOW_MODE_SECONDS) {
      throw RoomRefusals.invalid("seconds must be 0 (off) to " + MAX_SLOW_MODE_SECONDS);
    }
    repository.setSlowMode(roomId.value(), seconds, who.userId().value(), clock.millis());
    rooms.broadcast(roomId, new ServerMessage.ChatSettings(seconds));
  }

  private static boolean moderates(Room room, UserId user) {
    return moderatorRole(room, user) != null;
  }

  /** The user's role in the room when it lets them moderate its chat; null otherwise. */
  private static Role moderatorRole(Room room, UserId user) {
    Role role = room.roster().entry(user).map(RosterEntry::role).orElse(null);
    return role != null && Permissions.allows(role, Action.MODERATE_CHAT, room.settings()) ? role : null;
  }

  /**
   * In slow mode, a line sooner than the room's interval after the writer's last one is refused, saying when the next
   * may come (the writer's, not the connection's: two tabs share it, and every node reads the same database). Staff
   * are not asked.
   */
  private void refuseIfTooSoon(Room room, Member member) {
    int seconds = repository.slowModeSeconds(room.id().value());
    if (seconds == 0) return;
    var last = repository.lastLineAt(room.id().value(), member.userId().value());
    if (last.isEmpty()) return;
    long waitMs = last.getAsLong() + seconds * 1_000L - clock.millis();
    if (waitMs <= 0) return;
    long waitSeconds = (waitMs + 999) / 1_000;
    throw new Refusal(Refusal.Kind.TOO_MANY, "rate-limited", "slow mode: one line every " + seconds
        + " s; you may write again in " + waitSeconds + " s", java.time.Duration.ofMillis(waitMs));
  }

  private Room moderated(Identity who, RoomId roomId, UserId target) {
    Room room = rooms.find(roomId).orElseThrow(() -> RoomRefusals.roomNotFound(roomId.value()));
    Role actor = moderatorRole(room, who.userId());
    if (actor == null) throw RoomRefusals.forbidden("only the owner and moderators mute people");
    Role targetRole = room.roleOf(target, false);
    if (!actor.outranks(targetRole)) {
      throw RoomRefusals.forbidden("you can only mute people below your role");
    }
    return room;
  }

  private static String nameOf(Room room, UserId user) {
    return room.roster().entry(user).map(RosterEntry::displayName)
        .or(() -> room.sessionsOf(user).stream().findFirst().map(Member::displayName)).orElse(user.value());
  }

  private void refuseIfMuted(RoomId roomId, Member member) {
    var until = repository.mutedUntil(roomId.value(), member.userId().value());
    if (until.isEmpty() || until.getAsLong() <= clock.millis()) return;
    throw RoomRefusals.forbidden(until.getAsLong() == Long.MAX_VALUE
        ? "a moderator has muted you in this room"
        : "a moderator has muted you in this room for " + Math.max(1, (until.getAsLong() - clock.millis()) / 60_000)
            + " more minutes");
  }

  private static Refusal noMessage(long messageId) {
    return RoomRefusals.invalid("no message " + messageId);
  }

  public static ServerMessage.ChatView view(ChatMessage m) {
    ServerMessage.ChatEventView event = m.event() == null ? null
        : new ServerMessage.ChatEventView(m.event().type().wire(), m.event().name(), m.event().positionMs());
    return new ServerMessage.ChatView(m.id(), m.memberId(), m.userId(), m.name(), m.text(), m.atMs(),
        m.isSystem() ? "system" : "user", event, m.reactions(), m.lineId());
  }

}
