package dev.cowatch.server.room;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.Wire;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.Ids;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rooms: each room's decisions are serialized by that room's lock (held only for one
 * decision, never across I/O), stored, then broadcast encoded once. Lock order: a room's lock,
 * then nothing else of this class.
 */
public final class RoomService {
  private static final Logger log = LoggerFactory.getLogger(RoomService.class);
  /** Health reports arrive about once a second per member; presence goes out at most this often. */
  static final long PRESENCE_PERIOD_MS = 1_000;

  private final RoomStore store;
  private final RoomBus bus;
  private final RoomDecider decider;
  private final Tolerances tolerances;
  private final Clock clock;
  private final Ids ids;
  private final JsonCodec codec;
  private final ScheduledExecutorService timers;
  private final int maxRooms;
  private final ConcurrentMap<RoomId, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final ConcurrentMap<RoomId, Long> scheduledTicks = new ConcurrentHashMap<>();
  private final Set<RoomId> presenceDirty = ConcurrentHashMap.newKeySet();
  private final ResumeTokens resumeTokens = new ResumeTokens();
  /**
   * The connection that currently speaks for each member. Changed only under the room's lock, so
   * that a late close of a member's old connection cannot disconnect it after it resumed on a
   * new one (a race the SPIN model found: model/cowatch.pml, docs/protocol-model.md).
   */
  private final ConcurrentMap<SessionKey, RoomBus.Listener> sessions = new ConcurrentHashMap<>();

  private record SessionKey(RoomId room, MemberId member) {}

  public RoomService(RoomStore store, RoomBus bus, Tolerances tolerances, Clock clock, Ids ids, JsonCodec codec,
      ScheduledExecutorService timers, int maxRooms) {
    this.store = store;
    this.bus = bus;
    this.decider = new RoomDecider(tolerances);
    this.tolerances = tolerances;
    this.clock = clock;
    this.ids = ids;
    this.codec = codec;
    this.timers = timers;
    this.maxRooms = maxRooms;
  }

  public void start() {
    timers.scheduleAtFixedRate(this::flushPresence, PRESENCE_PERIOD_MS, PRESENCE_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  public Tolerances tolerances() {
    return tolerances;
  }

  /** Creates a room; empty when this node holds as many rooms as it may. */
  public Optional<Room> create(RoomSettings settings, String mediaId) {
    if (store.count() >= maxRooms) return Optional.empty();
    while (true) {
      Room room = Room.create(new RoomId(ids.roomId()), settings, mediaId, clock.millis());
      if (store.create(room)) {
        log.info("room created room={} name={}", room.id(), settings.name());
        return Optional.of(room);
      }
    }
  }

  public Optional<Room> find(RoomId id) {
    return store.get(id);
  }

  public int roomCount() {
    return store.count();
  }

  /** The member this resume token belongs to in this room, if it is still a member. */
  public Optional<MemberId> resumable(RoomId roomId, String token) {
    return resumeTokens.memberOf(roomId, token)
        .filter(m -> store.get(roomId).flatMap(r -> r.member(m)).isPresent());
  }

  /**
   * Joins (or, with a valid resume token, rejoins) and subscribes {@code listener}, which gets
   * the {@code joined} message before any broadcast that follows it.
   */
  public JoinOutcome join(RoomId roomId, String name, String resumeToken, RoomBus.Listener listener) {
    ReentrantLock lock = lockOf(roomId);
    lock.lock();
    try {
      Optional<MemberId> back = resumeToken == null ? Optional.empty() : resumable(roomId, resumeToken);
      MemberId memberId = back.orElseGet(() -> new MemberId(ids.memberId()));
      Intent intent = back.isPresent() ? new Intent.Reconnect() : new Intent.Join(name);
      Optional<Decision> decided = decideLocked(roomId, memberId, intent);
      if (decided.isEmpty()) return JoinOutcome.refused(WireError.ROOM_NOT_FOUND, "the room no longer exists");
      Decision d = decided.get();
      if (d.isRejected()) return JoinOutcome.refused(WireError.of(d.rejection().code()), d.rejection().message());
      String token = back.isPresent() ? resumeToken : resumeTokens.issue(roomId, memberId, ids.resumeToken());
      sessions.put(new SessionKey(roomId, memberId), listener);
      RoomBus.Subscription subscription = bus.subscribe(roomId, listener);
      var joined = new ServerMessage.Joined(memberId.value(), token, back.isPresent(), Wire.room(d.room()), clock.millis());
      listener.deliver(new Broadcast(Broadcast.Kind.EVENT, codec.encode(joined)));
      publish(d, true);
      log.info("member {} room={} member={}", back.isPresent() ? "resumed" : "joined", roomId, memberId);
      return JoinOutcome.joined(memberId, subscription);
    } finally {
      lock.unlock();
    }
  }

  /** Decides one intent for a member and broadcasts the result; empty if the room is gone. */
  public Optional<Decision> apply(RoomId roomId, MemberId memberId, Intent intent) {
    ReentrantLock lock = lockOf(roomId);
    lock.lock();
    try {
      Optional<Decision> d = decideLocked(roomId, memberId, intent);
      d.filter(x -> !x.isRejected()).ifPresent(x -> publish(x, !(intent instanceof Intent.Report)));
      return d;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The connection {@code connection} of a member is gone. The member is marked disconnected only
   * if that connection still speaks for it; returns whether it was.
   */
  public boolean disconnect(RoomId roomId, MemberId memberId, RoomBus.Listener connection) {
    ReentrantLock lock = lockOf(roomId);
    lock.lock();
    try {
      if (!sessions.remove(new SessionKey(roomId, memberId), connection)) return false;
      decideLocked(roomId, memberId, new Intent.Disconnect()).filter(d -> !d.isRejected()).ifPresent(d -> publish(d, true));
      return true;
    } finally {
      lock.unlock();
    }
  }

  private Optional<Decision> decideLocked(RoomId roomId, MemberId memberId, Intent intent) {
    Optional<Room> room = store.get(roomId);
    if (room.isEmpty()) return Optional.empty();
    Decision d = decider.decide(room.get(), memberId, intent, clock.millis());
    if (!d.isRejected() && d.room() != room.get() && !store.replace(room.get().revision(), d.room())) {
      // Only this lock's holder writes this room on a single node; a failed swap is a bug.
      throw new IllegalStateException("room " + roomId + " changed under its lock");
    }
    scheduleTick(d.room());
    return Optional.of(d);
  }

  private void tick(RoomId roomId) {
    ReentrantLock lock = lockOf(roomId);
    lock.lock();
    try {
      scheduledTicks.remove(roomId);
      Optional<Room> room = store.get(roomId);
      if (room.isEmpty()) return;
      Decision d = decider.tick(room.get(), clock.millis());
      if (d.room() != room.get() && !store.replace(room.get().revision(), d.room())) {
        throw new IllegalStateException("room " + roomId + " changed under its lock");
      }
      publish(d, true);
      scheduleTick(d.room());
    } catch (RuntimeException e) {
      log.error("tick failed room={}", roomId, e);
    } finally {
      lock.unlock();
    }
  }

  private void scheduleTick(Room room) {
    room.nextDeadline(tolerances.reconnectGraceMs()).ifPresent(deadline -> {
      Long current = scheduledTicks.get(room.id());
      if (current != null && current <= deadline) return;
      scheduledTicks.put(room.id(), deadline);
      long delay = Math.max(0, deadline - clock.millis());
      timers.schedule(() -> tick(room.id()), delay, TimeUnit.MILLISECONDS);
    });
  }

  /** Broadcasts a decision's events; presence goes out now or with the next periodic flush. */
  private void publish(Decision d, boolean presenceNow) {
    RoomId roomId = d.room().id();
    boolean presence = false;
    for (RoomEvent e : d.events()) {
      switch (e) {
        case RoomEvent.TimelineChanged tc -> {
          var message = new ServerMessage.TimelineUpdate(Wire.timeline(tc.timeline()), Wire.cause(tc.cause()));
          bus.publish(roomId, new Broadcast(Broadcast.Kind.TIMELINE, codec.encode(message)));
          log.info("timeline room={} version={} state={} position={} cause={} by={}", roomId,
              tc.timeline().version(), tc.timeline().state(), tc.timeline().anchorPositionMs(),
              tc.cause().kind(), tc.cause().memberId());
        }
        case RoomEvent.MemberLeft left -> {
          resumeTokens.forget(roomId, left.memberId());
          sessions.remove(new SessionKey(roomId, left.memberId()));
          log.info("member left room={} member={} reason={}", roomId, left.memberId(), left.reason());
          presence = true;
        }
        case RoomEvent.MemberJoined joined -> presence = true;
        case RoomEvent.MemberChanged changed -> presence = true;
      }
    }
    if (!presence) return;
    if (presenceNow) {
      presenceDirty.remove(roomId);
      publishPresence(d.room());
    } else {
      presenceDirty.add(roomId);
    }
  }

  private void flushPresence() {
    for (RoomId roomId : presenceDirty) {
      presenceDirty.remove(roomId);
      store.get(roomId).ifPresent(this::publishPresence);
    }
  }

  private void publishPresence(Room room) {
    var message = new ServerMessage.Presence(Wire.members(room));
    bus.publish(room.id(), new Broadcast(Broadcast.Kind.PRESENCE, codec.encode(message)));
  }

  private ReentrantLock lockOf(RoomId roomId) {
    return locks.computeIfAbsent(roomId, id -> new ReentrantLock());
  }

  /** The result of {@link #join}: a member and its subscription, or why not. */
  public record JoinOutcome(MemberId memberId, RoomBus.Subscription subscription, WireError error, String message) {
    static JoinOutcome joined(MemberId memberId, RoomBus.Subscription subscription) {
      return new JoinOutcome(memberId, subscription, null, null);
    }

    static JoinOutcome refused(WireError error, String message) {
      return new JoinOutcome(null, null, error, message);
    }

    public boolean isJoined() {
      return memberId != null;
    }
  }
}
