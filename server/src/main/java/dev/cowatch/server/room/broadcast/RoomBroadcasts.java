package dev.cowatch.server.room.broadcast;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.live.Sharing;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a room's decisions into messages on the {@link RoomBus}, each encoded once. Presence is
 * state that changes often (health reports every few seconds per member), so it goes out at once only
 * when asked, in a small room, and otherwise with a flush.
 *
 * <p>Presence goes to every member, at most once per {@link #presenceIntervalMs}, which grows with the room's size;
 * how a list goes out (changes on one node, whole lists among nodes sharing rooms) is the {@link PresenceSending}
 * the deployment's {@link Sharing} chose.
 */
public final class RoomBroadcasts {
  private static final Logger log = LoggerFactory.getLogger(RoomBroadcasts.class);

  /** Rooms up to this size see a join or departure in the member list at once. */
  static final int SMALL_ROOM = 20;
  /** The shortest interval between two presences of one room. */
  static final long PRESENCE_PERIOD_MS = 1_000;
  /**
   * How often {@link #flushPresence} runs. Each room keeps its own interval; ticks much shorter than
   * the interval spread the rooms' presences over the second instead of sending all that are due at
   * once (at 19,000 members, a burst of 4,000 writes every second, a tenth of a second on one core,
   * which every intent arriving during it waited behind).
   */
  public static final long FLUSH_TICK_MS = 100;
  /** Each this many members lengthen a room's presence interval by one period. */
  static final int MEMBERS_PER_PERIOD = 50;
  /**
   * When only members' sync health changed (their reports, every few seconds each), the list goes out
   * at most this often: the numbers stay readable, and a room of ten does not send ten members' lists
   * every second for figures that move by a millisecond.
   */
  static final long HEALTH_PERIOD_MS = 5_000;

  private final RoomBus bus;
  private final JsonCodec codec;
  private final LongSupplier clockMs;
  private final PresenceSending presence;
  /**
   * Rooms whose members changed, each with the mark of its latest change: a flush that read a room clears only the
   * mark it saw before reading, so a change made meanwhile (a cluster's flush holds no lease) is flushed next time.
   */
  private final ConcurrentMap<RoomId, Long> presenceDirty = new ConcurrentHashMap<>();
  /** Rooms whose members' health changed, and nothing else about them. */
  private final ConcurrentMap<RoomId, Long> healthDirty = new ConcurrentHashMap<>();
  private final AtomicLong marks = new AtomicLong();

  /** Members who joined each room since its last presence (see PresenceDiff#between). */
  private final ConcurrentMap<RoomId, Set<String>> joinedSinceSent = new ConcurrentHashMap<>();

  /**
   * Runs an action on a room (empty if it is gone) under the room's lock, or not at all if the lock is busy (in a
   * cluster, another node's lease): the room stays dirty and the next flush tries again.
   */
  public interface LockedRooms {
    void withRoom(RoomId roomId, Consumer<Optional<Room>> action);
  }

  /** {@code sharing}: one node, or nodes sharing rooms (see {@link Sharing#sendsWholePresence}). */
  public RoomBroadcasts(RoomBus bus, JsonCodec codec, LongSupplier clockMs, Sharing sharing) {
    this.bus = bus;
    this.codec = codec;
    this.clockMs = clockMs;
    this.presence = PresenceSending.chosenBy(sharing, bus, codec, clockMs);
  }

  /** A timeline message, encoded once for every connection of the room. */
  public static Broadcast timeline(JsonCodec codec, Timeline timeline, ServerMessage.CauseView cause) {
    return Broadcast.timeline(codec.encode(new ServerMessage.TimelineUpdate(Wire.timeline(timeline), cause)),
        timeline.version());
  }

  /**
   * The room's timeline as it is, for connections that may have missed the decision that made it (their node's
   * channel came back after Redis was away). That decision's cause is not kept: this one names no member, only what
   * the room does (paused, playing, or waiting for someone's buffering).
   */
  public static Broadcast caughtUp(JsonCodec codec, Room room) {
    Timeline t = room.timeline();
    RoomEvent.CauseKind kind = switch (t.state()) {
      case PAUSED -> RoomEvent.CauseKind.PAUSE;
      case PLAYING -> RoomEvent.CauseKind.PLAY;
      case WAITING -> RoomEvent.CauseKind.BUFFERING;
    };
    return timeline(codec, t, Wire.cause(new RoomEvent.Cause(null, kind), room));
  }

  /** How long a room of {@code members} waits between presences: 1 s up to 50 members, 20 s at 1,000. */
  static long presenceIntervalMs(int members) {
    return PRESENCE_PERIOD_MS * Math.max(1, (members + MEMBERS_PER_PERIOD - 1) / MEMBERS_PER_PERIOD);
  }

  /** Broadcasts a decision's events; presence goes out now or with the next {@link #flushPresence}. */
  public void publish(Decision d, boolean presenceNow) {
    RoomId roomId = d.room().id();
    boolean presence = false;
    boolean healthOnly = true;
    for (RoomEvent e : d.events()) {
      if (!(e instanceof RoomEvent.MemberChanged)) healthOnly = false;
      switch (e) {
        case RoomEvent.TimelineChanged tc -> {
          bus.publish(roomId, timeline(codec, tc.timeline(), Wire.cause(tc.cause(), d.room())));
          log.info("timeline room={} version={} state={} position={} cause={} by={}", roomId,
              tc.timeline().version(), tc.timeline().state(), tc.timeline().anchorPositionMs(),
              tc.cause().kind(), tc.cause().memberId());
        }
        case RoomEvent.MemberLeft left -> {
          endSession(roomId, left);
          presence = true;
        }
        case RoomEvent.SettingsChanged changed ->
            send(roomId, new ServerMessage.SettingsUpdate(Wire.settings(changed.settings())));
        case RoomEvent.RosterChanged changed -> {
          // Stored by the service; who is present is what members see, through presence.
        }
        case RoomEvent.SubtitleChanged changed -> {
          send(roomId, new ServerMessage.Subtitle(changed.trackId(),
              changed.memberId() == null ? null : changed.memberId().value()));
          log.info("subtitle room={} track={} by={}", roomId, changed.trackId(), changed.memberId());
        }
        case RoomEvent.QueueChanged changed -> send(roomId, new ServerMessage.Queue(Wire.queue(changed.queue()),
            changed.by() == null ? null : changed.by().value()));
        case RoomEvent.MemberJoined joined -> {
          joinedSinceSent.computeIfAbsent(roomId, r -> ConcurrentHashMap.newKeySet()).add(joined.member().id().value());
          presence = true;
        }
        case RoomEvent.MemberChanged changed -> presence = true;
      }
    }
    if (!presence) return;
    if (healthOnly && !presenceNow) {
      healthDirty.put(roomId, marks.incrementAndGet());
      return;
    }
    if (presenceNow && d.room().members().size() <= SMALL_ROOM) {
      publishPresence(d.room());
    } else {
      presenceDirty.put(roomId, marks.incrementAndGet());
    }
  }

  /** Sends a message to every connection of the room. */
  public void send(RoomId roomId, ServerMessage message) {
    String json = codec.encode(message);
    bus.publish(roomId, switch (message) {
      case ServerMessage.Chat c -> Broadcast.chat(json, c.message().id());
      case ServerMessage.ChatDeleted d -> Broadcast.chat(json, Broadcast.ABOUT_CHAT);
      case ServerMessage.ChatReactions r -> Broadcast.chat(json, Broadcast.ABOUT_CHAT);
      case ServerMessage.Reaction r -> Broadcast.chat(json, Broadcast.ABOUT_CHAT);
      case ServerMessage.Reactions r -> Broadcast.chat(json, Broadcast.ABOUT_CHAT);
      case ServerMessage.ChatSkipped r -> Broadcast.chat(json, Broadcast.ABOUT_CHAT);
      default -> new Broadcast(Broadcast.Kind.EVENT, json);
    });
  }

  /** Sends a message to one member's connection alone. */
  public void sendTo(RoomId roomId, MemberId memberId, ServerMessage message) {
    bus.publish(roomId, Broadcast.personal(Map.of(memberId.value(), codec.encode(message))));
  }

  /** Every connection of the room says {@code reason} and closes with {@code closeCode}. */
  public void endAll(RoomId roomId, String reason, int closeCode) {
    forget(roomId);
    bus.publish(roomId, Broadcast.ended(null, codec.encode(new ServerMessage.Bye(reason)), closeCode));
  }

  /** Sends the presence of rooms whose members changed and whose interval has passed. */
  public void flushPresence(LockedRooms rooms) {
    long now = clockMs.getAsLong();
    for (Map.Entry<RoomId, Long> dirty : presenceDirty.entrySet()) {
      RoomId roomId = dirty.getKey();
      // The marks are taken before the room is read.
      Long presence = dirty.getValue();
      Long health = healthDirty.get(roomId);
      if (mayBeDue(roomId, now, 0)) rooms.withRoom(roomId, room -> flush(roomId, room, now, 0, presence, health));
    }
    for (Map.Entry<RoomId, Long> dirty : healthDirty.entrySet()) {
      RoomId roomId = dirty.getKey();
      Long health = dirty.getValue();
      if (!presenceDirty.containsKey(roomId) && mayBeDue(roomId, now, HEALTH_PERIOD_MS)) {
        rooms.withRoom(roomId, room -> flush(roomId, room, now, HEALTH_PERIOD_MS, null, health));
      }
    }
  }

  /**
   * Whether a room's presence may be due, judged without its lock from what it was last sent (its
   * size then): most dirty rooms are not due on a tick, and the flush runs ten times a second.
   */
  private boolean mayBeDue(RoomId roomId, long now, long minIntervalMs) {
    long atMs = presence.lastSentAtMs(roomId);
    return atMs < 0 || isDue(atMs, now, Math.max(minIntervalMs, presenceIntervalMs(presence.lastSentCount(roomId))));
  }

  private static boolean isDue(long lastAtMs, long now, long intervalMs) {
    // Half a tick of slack: the flush timer's own jitter must not skip a whole tick.
    return now - lastAtMs + FLUSH_TICK_MS / 2 >= intervalMs;
  }

  /**
   * Sends the room's presence if its interval (at least {@code minIntervalMs}) has passed since the last, then clears
   * the marks {@code presenceMark} and {@code healthMark} (null: none) if no change came since they were taken.
   */
  private void flush(RoomId roomId, Optional<Room> room, long now, long minIntervalMs, Long presenceMark,
      Long healthMark) {
    if (room.isEmpty()) {
      forget(roomId);
      return;
    }
    long lastAtMs = presence.lastSentAtMs(roomId);
    long interval = Math.max(minIntervalMs, presenceIntervalMs(room.get().members().size()));
    if (lastAtMs >= 0 && !isDue(lastAtMs, now, interval)) return;
    sendPresence(room.get());
    if (presenceMark != null) presenceDirty.remove(roomId, presenceMark);
    if (healthMark != null) healthDirty.remove(roomId, healthMark);
  }

  /**
   * Sends what changed in the room's member list (nothing, when nothing a reader would notice did), or the whole
   * list; in a room that does not list everyone, also each unlisted member's changed entry to that member alone.
   * Under the room's lock.
   */
  void publishPresence(Room room) {
    // The room as it is now, under its lock: it covers every change of membership before it.
    presenceDirty.remove(room.id());
    if (presence.carriesLatestHealth()) healthDirty.remove(room.id());
    sendPresence(room);
  }

  private void sendPresence(Room room) {
    if (presence.send(room, joinedSinceSent.getOrDefault(room.id(), Set.of()))) joinedSinceSent.remove(room.id());
  }

  /** The room left memory: nothing of it is kept here. */
  public void forget(RoomId roomId) {
    presenceDirty.remove(roomId);
    healthDirty.remove(roomId);
    presence.forget(roomId);
    joinedSinceSent.remove(roomId);
  }

  /** A kicked or banned member's connection, wherever it is, says why and closes. */
  private void endSession(RoomId roomId, RoomEvent.MemberLeft left) {
    int code = switch (left.reason()) {
      case KICKED -> CloseCodes.KICKED;
      case BANNED -> CloseCodes.BANNED;
      case LEFT, TIMED_OUT -> 0;
    };
    if (code == 0) return;
    String bye = codec.encode(new ServerMessage.Bye(Wire.name(left.reason())));
    bus.publish(roomId, Broadcast.ended(left.memberId().value(), bye, code));
  }
}
