package dev.cowatch.server.chat;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomEvent.CauseKind;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.decisions.RoomObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens in a room into chat system lines: joins, departures, play, pause and jumps with
 * their position (not in rooms of more than {@link #QUIET_ROOM_MEMBERS}), a new video, the showing
 * moving on. Buffering and waiting are left out: they come and go too often to read. Lines are
 * written on their own thread, in order, off the room's path.
 */
public final class ChatSystemLines implements RoomObserver {
  private static final Logger log = LoggerFactory.getLogger(ChatSystemLines.class);
  /**
   * Above this many members, joins, departures, play, pause and jumps make no line: in an audience of
   * hundreds they would bury the chat, and each would cost a message to everyone right behind the
   * timeline it follows. Every client still shows who paused or jumped, from the timeline's cause.
   */
  static final int QUIET_ROOM_MEMBERS = 50;

  /** Lines written in one transaction at most: a backlog goes out in a few commits, none of them long. */
  static final int MAX_BATCH = 256;

  private final ChatService chat;
  private final Executor writer;
  /** Lines decided and not written yet, in the order of their decisions. */
  private final ConcurrentLinkedQueue<ChatService.SystemLine> pending = new ConcurrentLinkedQueue<>();
  /** Whether a drain is queued on the writer or running: one at a time, so lines keep their order. */
  private final AtomicBoolean draining = new AtomicBoolean();

  public ChatSystemLines(ChatService chat, Executor writer) {
    this.chat = chat;
    this.writer = writer;
  }

  /** A line to write: who it is about and what happened. */
  record Line(MemberId memberId, String userId, ChatEvent event) {}

  @Override
  public void decided(Room before, Decision decision) {
    List<Line> lines = linesFor(before, decision);
    if (lines.isEmpty()) return;
    RoomId room = decision.room().id();
    for (Line l : lines) pending.add(new ChatService.SystemLine(room, l.memberId(), l.userId(), l.event()));
    if (draining.compareAndSet(false, true)) writer.execute(this::drain);
  }

  /**
   * Writes what is pending, {@link #MAX_BATCH} lines to a transaction; another drain goes on the writer's queue for
   * the rest, so the other writes sharing that thread (watch history) are not held up by a long backlog.
   */
  private void drain() {
    List<ChatService.SystemLine> batch = new ArrayList<>();
    for (ChatService.SystemLine l; batch.size() < MAX_BATCH && (l = pending.poll()) != null; ) batch.add(l);
    try {
      if (!batch.isEmpty()) chat.systemLines(batch);
    } catch (RuntimeException e) {
      // A line is not worth a room's chat: the database away loses these, later ones are written again.
      log.warn("could not write {} chat system lines: {}", batch.size(), e.getMessage());
    } finally {
      draining.set(false);
      // A line added after the poll above, while this drain still held the flag, is written by the next one.
      if (!pending.isEmpty() && draining.compareAndSet(false, true)) writer.execute(this::drain);
    }
  }

  /** Pure: the lines a decision deserves. */
  static List<Line> linesFor(Room before, Decision d) {
    List<Line> lines = new ArrayList<>();
    Room after = d.room();
    for (RoomEvent e : d.events()) {
      switch (e) {
        case RoomEvent.MemberJoined joined -> {
          if (after.members().size() > QUIET_ROOM_MEMBERS) break;
          Member m = joined.member();
          lines.add(new Line(m.id(), m.userId().value(), new ChatEvent(ChatEvent.Type.JOINED, m.displayName(), null)));
        }
        case RoomEvent.MemberLeft left -> {
          if (before != null && before.members().size() > QUIET_ROOM_MEMBERS) break;
          member(before, left.memberId()).ifPresent(m -> lines.add(
              new Line(m.id(), m.userId().value(), new ChatEvent(ChatEvent.Type.LEFT, m.displayName(), null))));
        }
        case RoomEvent.TimelineChanged changed -> {
          boolean quiet = after.members().size() > QUIET_ROOM_MEMBERS;
          ChatEvent.Type type = switch (changed.cause().kind()) {
            case PLAY -> quiet ? null : ChatEvent.Type.PLAY;
            case PAUSE -> quiet ? null : ChatEvent.Type.PAUSE;
            case SEEK -> quiet ? null : ChatEvent.Type.SEEK;
            case SET_MEDIA -> ChatEvent.Type.SET_MEDIA;
            case SCHEDULE -> ChatEvent.Type.SCHEDULE;
            default -> null;
          };
          if (type == null) break;
          Long position = type == ChatEvent.Type.SET_MEDIA || type == ChatEvent.Type.SCHEDULE ? null
              : changed.timeline().anchorPositionMs();
          if (changed.cause().kind() == CauseKind.SCHEDULE) {
            lines.add(new Line(null, null, new ChatEvent(type, "", null)));
          } else {
            member(after, changed.cause().memberId()).or(() -> member(before, changed.cause().memberId()))
                .ifPresent(m -> lines.add(new Line(m.id(), m.userId().value(),
                    new ChatEvent(type, m.displayName(), position))));
          }
        }
        default -> { }
      }
    }
    return lines;
  }

  private static Optional<Member> member(Room room, MemberId id) {
    return room == null || id == null ? Optional.empty() : room.member(id);
  }
}
