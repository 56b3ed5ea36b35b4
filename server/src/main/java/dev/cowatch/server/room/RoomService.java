package dev.cowatch.server.room;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.AdminIntent;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rooms: each room's decisions are serialized by that room's lock, stored, then broadcast
 * encoded once. Every durable change (roster, settings, queue, timeline) is written to the
 * repository under the lock before it takes effect, so a failed write changes nothing and nothing
 * anyone was shown is lost by a crash: a timeline version is stored before any member sees it, and
 * a room loaded again moves its version on (and stores that) before anyone sees it, so no version
 * ever names two timelines. Between intents {@link RoomUpkeep} checkpoints playing rooms' positions
 * (a restart finds them paused near where they had reached) and drops rooms nobody uses from live
 * state; they come back from the repository when asked for. Joins and departures wait and are decided in turns,
 * many at once ({@link JoinsAndDepartures}).
 */
public final class RoomService {
  private static final Logger log = LoggerFactory.getLogger(RoomService.class);

  private final RoomStore store;
  private final RoomRepository repository;
  private final RoomBus bus;
  private final RoomDecider decider;
  private final Tolerances tolerances;
  private final Clock clock;
  private final Ids ids;
  private final JsonCodec codec;
  private final ScheduledExecutorService timers;
  private final RoomUpkeep upkeep;
  private final int maxRooms;
  private final RoomLocking locks;
  /** Stores each timeline change at once and playing rooms' positions in the background. */
  private final TimelineCheckpoints checkpoints;
  private final RoomBroadcasts broadcasts;
  private final IdleRooms idle = new IdleRooms();
  private final RoomCommits commits;
  private final JoinsAndDepartures joinsAndDepartures;
  private final RoomTicks ticks;
  private final MemberSessions sessions;
  private final RoomQueries queries;
  private final List<RoomObserver> observers = new CopyOnWriteArrayList<>();
  private volatile RoomPlans plans = RoomPlans.NONE;
  private final Tracing tracing;
  private final JobLeader jobs;

  /** One node's rooms, in memory. */
  public RoomService(RoomStore store, RoomRepository repository, RoomBus bus, Tolerances tolerances, Clock clock,
      Ids ids, JsonCodec codec, ScheduledExecutorService timers, int maxRooms) {
    this(new LiveRooms(store, bus, new RoomLocks(LiveRooms.LOCK_STRIPES), MemberSessions.inMemory(),
        SessionNotices.local(), JobLeader.alone(), false, () -> { }), repository, tolerances, clock, ids, codec, timers,
        maxRooms, Tracing.OFF);
  }

  /** {@code tracing}: spans of each traced decision's steps (decide, persist, broadcast). */
  public RoomService(LiveRooms live, RoomRepository repository, Tolerances tolerances, Clock clock, Ids ids,
      JsonCodec codec, ScheduledExecutorService timers, int maxRooms, Tracing tracing) {
    this.tracing = tracing;
    this.jobs = live.jobs();
    this.store = live.store();
    this.locks = live.locks();
    this.sessions = live.sessions();
    this.repository = repository;
    this.checkpoints = new TimelineCheckpoints(repository, RoomUpkeep.CHECKPOINT_PLAYING_MS);
    this.broadcasts = new RoomBroadcasts(live.bus(), codec, clock::millis, live.shared());
    this.bus = live.bus();
    this.decider = new RoomDecider(tolerances);
    this.tolerances = tolerances;
    this.clock = clock;
    this.ids = ids;
    this.queries = new RoomQueries(store, repository);
    this.codec = codec;
    this.timers = timers;
    this.maxRooms = maxRooms;
    this.ticks = new RoomTicks(timers, clock, tolerances.reconnectGraceMs(), this::tick);
    this.upkeep = new RoomUpkeep(live, checkpoints, broadcasts, idle, ticks, clock, this::disconnectOrphanLocked);
    this.commits = new RoomCommits(store, repository, checkpoints, idle, clock, tracing, live.shared());
    this.joinsAndDepartures = new JoinsAndDepartures(live, repository, decider, commits, ticks, ids, codec, clock,
        tracing, this::loadedLocked, this::publish);
  }

  public void start() {
    upkeep.start(timers);
  }

  /** Writes every live room's timeline where it is now: on shutdown, so a restart resumes there. */
  public void stop() {
    upkeep.checkpoint(true);
  }

  public Tolerances tolerances() {
    return tolerances;
  }

  /**
   * Creates a room owned by {@code owner}; empty when this node holds as many live rooms as it
   * may. {@code passwordHash} is null for a room without a password.
   */
  public Optional<Room> create(RoomSettings settings, Identity owner, String mediaId, String passwordHash) {
    if (store.count() >= maxRooms) return Optional.empty();
    Roster roster = Roster.ownedBy(owner.userId(), owner.displayName(), owner.isGuest(), clock.millis());
    while (true) {
      Room room = Room.create(new RoomId(ids.roomId()), settings, roster, mediaId, clock.millis());
      if (repository.load(room.id()).isPresent() || !store.create(room)) continue;
      try {
        repository.insert(room, passwordHash, clock.millis());
      } catch (RuntimeException e) {
        store.remove(room.id(), room.revision());
        throw e;
      }
      log.info("room created room={} owner={} name={}", room.id(), owner.userId(), settings.name());
      return Optional.of(room);
    }
  }

  /** The room, live or (brought back into memory) from the repository. */
  public Optional<Room> find(RoomId id) {
    Optional<Room> live = store.get(id);
    if (live.isPresent()) return live;
    return locks.call(id, () -> loadedLocked(id));
  }

  private Optional<Room> loadedLocked(RoomId id) {
    Optional<Room> live = store.get(id);
    if (live.isPresent()) return live;
    Optional<Room> stored = repository.load(id).map(this::onItsPlan);
    stored.ifPresent(r -> {
      // The repository hands the room back paused on a version past the stored one: store that
      // first, so a crash before its next change cannot bring the same version back as another timeline.
      checkpoints.saveNow(r, clock.millis());
      store.create(r);
      log.info("room loaded room={} position={} version={}", id, r.timeline().anchorPositionMs(), r.timeline().version());
      for (RoomObserver o : observers) o.loaded(r);
    });
    return stored;
  }

  /**
   * A room with a plan comes back where the plan says it is now, not paused where it was stored (the decision
   * {@link #programme} would make, made before the room is stored and seen). A plan that cannot be applied leaves
   * the room as stored: loading never fails for it.
   */
  private Room onItsPlan(Room room) {
    try {
      return plans.planned(room.id(), clock.millis())
          .map(p -> decider.programme(room, p.mediaId(), p.anchorTimeMs()).room())
          .orElse(room);
    } catch (RuntimeException e) {
      log.warn("room {} could not be put back on its plan", room.id(), e);
      return room;
    }
  }

  public RoomRepository repository() {
    return repository;
  }

  /**
   * Whether this node runs {@code job} now, a job the cluster needs done once over every live room (one node:
   * always). Asking renews the lease of a job this node holds, which lapses when it is not asked again within
   * about 10 s: a job that runs less often asks more often than it runs.
   */
  public boolean leads(String job) {
    return jobs.leads(job);
  }

  /** Read-only questions about rooms (media access, presence, counts), answered without a room's lock. */
  public RoomQueries queries() {
    return queries;
  }

  /** The member this resume token belongs to in this room, if it is still a member. */
  public Optional<MemberId> resumable(RoomId roomId, String token) {
    return sessions.tokenHolder(roomId, token)
        .filter(m -> store.get(roomId).flatMap(r -> r.member(m)).isPresent());
  }

  /**
   * Joins (or, with a valid resume token, rejoins) and subscribes {@code listener}, which gets
   * the {@code joined} message before any broadcast that follows it.
   *
   * @throws Refusal when the room is gone or does not let this user in
   */
  public Joined join(RoomId roomId, Identity who, String name, String resumeToken, RoomBus.Listener listener) {
    return join(roomId, who, name, resumeToken, listener, null);
  }

  /**
   * {@link #join} from a client that is not one of Cowatch's own apps: {@code client} names its kind
   * (e.g. {@code syncplay}), shown beside the member's name.
   */
  public Joined join(RoomId roomId, Identity who, String name, String resumeToken, RoomBus.Listener listener,
      String client) {
    return joinsAndDepartures.join(roomId, who, name, resumeToken, listener, client);
  }

  /** Decides one intent for a member and broadcasts the result; empty if the room is gone. */
  public Optional<Decision> apply(RoomId roomId, MemberId memberId, Intent intent) {
    if (intent instanceof Intent.Report report && store.keepsHealthApart()) {
      Optional<Decision> reported = reportApart(roomId, memberId, report);
      if (reported.isPresent()) return reported;
    }
    return locks.call(roomId, () -> {
      Optional<Decided> d = decideLocked(roomId, memberId, intent, RosterAhead.NONE);
      d.filter(x -> !x.decision().isRejected())
          .ifPresent(x -> tracedPublish(x.before(), x.decision(), !(intent instanceof Intent.Report)));
      return d.map(Decided::decision);
    });
  }

  /**
   * A health report where the store keeps members' health apart: decided on the room as it is now and stored as the
   * member's own entry, without the room's lock (in a cluster, its lease): a report changes nothing another decision
   * reads, and in a room of ten joining over three nodes it was one decision in two that waited for the lease. Empty
   * if the room is not live here, so the caller takes the locked way, which loads it.
   */
  private Optional<Decision> reportApart(RoomId roomId, MemberId memberId, Intent.Report report) {
    Optional<Room> room = store.get(roomId);
    if (room.isEmpty()) return Optional.empty();
    Decision d = decider.decide(room.get(), memberId, report, clock.millis());
    // No news (figures within the player's own precision of those kept): nothing to store or pass on.
    if (d.isRejected() || d.events().isEmpty()) return Optional.of(d);
    Optional<Member> reported = d.room().member(memberId);
    if (reported.isEmpty()) return Optional.of(d);
    store.saveHealth(roomId, reported.get());
    publish(room.get(), d, false);
    return Optional.of(d);
  }

  /**
   * Puts the room on its programme (a showing's episode anchored at an instant; see
   * RoomDecider#programme), loading it if it is not in memory. Empty if the room does not exist.
   */
  public Optional<Room> programme(RoomId roomId, String mediaId, long anchorTimeMs) {
    return locks.call(roomId, () -> {
      Optional<Room> room = loadedLocked(roomId);
      if (room.isEmpty()) return Optional.empty();
      Decision d = decider.programme(room.get(), mediaId, anchorTimeMs);
      commits.commit(room.get(), d, Optional.empty(), RosterAhead.NONE);
      publish(room.get(), d, true);
      ticks.schedule(d.room());
      return Optional.of(d.room());
    });
  }

  /**
   * A roster or settings change asked by {@code actor}; empty if the room does not exist.
   * {@code passwordChange}: a new password hash to store with new settings (empty string clears).
   */
  public Optional<Decision> administer(RoomId roomId, UserId actor, AdminIntent intent, Optional<String> passwordChange) {
    return locks.call(roomId, () -> {
      Optional<Room> room = loadedLocked(roomId);
      if (room.isEmpty()) return Optional.empty();
      Decision d;
      try (Span step = tracing.step("room.decide", roomId.value())) {
        d = decider.administer(room.get(), actor, intent, clock.millis());
        if (d.isRejected()) step.attribute("cowatch.refused", d.rejection().code().name());
      }
      if (d.isRejected()) return Optional.of(d);
      commits.traced(room.get(), d, passwordChange, RosterAhead.NONE);
      tracedPublish(room.get(), d, true);
      return Optional.of(d);
    });
  }

  /** Deletes the room for good: its sessions end, its data goes. False if it did not exist. */
  public boolean delete(RoomId roomId) {
    return remove(roomId, "deleted");
  }

  /**
   * The site's administrators close the room: as {@link #delete}, but its members are told {@code bye}
   * {@code closed} (docs/protocol.md), so they know it was not their owner.
   */
  public boolean closeForGood(RoomId roomId) {
    return remove(roomId, "closed");
  }

  private boolean remove(RoomId roomId, String byeReason) {
    return locks.call(roomId, () -> {
      Optional<Room> room = store.get(roomId);
      boolean existed = repository.delete(roomId);
      room.ifPresent(r -> store.remove(roomId, r.revision()));
      checkpoints.forget(roomId);
      idle.forget(roomId);
      broadcasts.endAll(roomId, byeReason, CloseCodes.ROOM_NOT_FOUND);
      log.info("room {} room={}", byeReason, roomId);
      return existed;
    });
  }

  /**
   * The connection {@code connection} of a member is gone. The member is marked disconnected only
   * if that connection still speaks for it; returns whether it was.
   */
  public boolean disconnect(RoomId roomId, MemberId memberId, RoomBus.Listener connection) {
    return joinsAndDepartures.disconnect(roomId, memberId, connection);
  }

  /** A decision and the room it was taken on. */
  private record Decided(Room before, Decision decision) {}

  private Optional<Decided> decideLocked(RoomId roomId, MemberId memberId, Intent intent, RosterAhead ahead) {
    // Loaded when not live, for any intent: the room of a connected member is live unless the shared
    // store lost it (Redis restarted without its data); it comes back from its checkpoint then.
    Optional<Room> room;
    Span loading = tracing.step("room.load", roomId.value());
    try {
      room = loadedLocked(roomId);
    } finally {
      loading.close();
    }
    if (room.isEmpty()) return Optional.empty();
    Decision d;
    try (Span step = tracing.step("room.decide", roomId.value())) {
      d = decider.decide(room.get(), memberId, intent, clock.millis());
      if (d.isRejected()) step.attribute("cowatch.refused", d.rejection().code().name());
    }
    if (!d.isRejected()) commits.traced(room.get(), d, Optional.empty(), ahead);
    ticks.schedule(d.room());
    return Optional.of(new Decided(room.get(), d));
  }

  /** A fresh name for a queue entry. */
  public String newQueueItemId() {
    return ids.queueItemId();
  }

  /** Where rooms coming back into memory are put by their plans (the showings). */
  public void planFrom(RoomPlans plans) {
    this.plans = plans;
  }

  /** Adds an observer of every committed change (watch history). */
  public void observe(RoomObserver observer) {
    observers.add(observer);
  }

  /** A room's deadline came (see {@link RoomTicks}): time alone may change what the room does. */
  private void tick(RoomId roomId) {
    locks.run(roomId, () -> {
      try {
        ticks.forget(roomId);
        Optional<Room> room = store.get(roomId);
        if (room.isEmpty()) return;
        Decision d = decider.tick(room.get(), clock.millis());
        commits.commit(room.get(), d, Optional.empty(), RosterAhead.NONE);
        publish(room.get(), d, true);
        ticks.schedule(d.room());
      } catch (RuntimeException e) {
        log.error("tick failed room={}", roomId, e);
      }
    });
  }

  /** {@link #publish} as the step {@code room.broadcast} of whatever is being traced. */
  private void tracedPublish(Room before, Decision d, boolean presenceNow) {
    Span step = tracing.step("room.broadcast", before.id().value());
    try {
      publish(before, d, presenceNow);
    } finally {
      step.close();
    }
  }

  /**
   * Forgets a departed member's resume token and session, broadcasts the decision, then tells the
   * observers. They come after the broadcast so that what they send in turn (a chat line saying who
   * paused) does not compete with the new timeline on its way to the room.
   */
  private void publish(Room before, Decision d, boolean presenceNow) {
    for (RoomEvent e : d.events()) {
      if (e instanceof RoomEvent.MemberLeft left) {
        sessions.forget(d.room().id(), left.memberId());
        log.info("member left room={} member={} reason={}", d.room().id(), left.memberId(), left.reason());
      }
    }
    broadcasts.publish(d, presenceNow);
    if (d.room() == before) return;
    for (RoomObserver o : observers) {
      try {
        o.changed(before, d.room());
        o.decided(before, d);
      } catch (RuntimeException e) {
        log.warn("room observer failed room={}", d.room().id(), e);
      }
    }
  }

  /** Sends a message to every connection of the room, encoded once (chat and other room events). */
  public void broadcast(RoomId roomId, ServerMessage message) {
    broadcasts.send(roomId, message);
  }

  /**
   * Sends a message to one member's connection, on whatever node it is (peer-to-peer signaling). Not under
   * the room's lock: messages from one thread arrive in the order sent, which is all a relay needs.
   */
  public void sendTo(RoomId roomId, MemberId memberId, ServerMessage message) {
    broadcasts.sendTo(roomId, memberId, message);
  }

  /** A member whose node is gone (see {@link RoomUpkeep}) is disconnected; under the room's lock. */
  private void disconnectOrphanLocked(RoomId roomId, MemberId member) {
    decideLocked(roomId, member, new Intent.Disconnect(), RosterAhead.NONE).filter(d -> !d.decision().isRejected())
        .ifPresent(d -> publish(d.before(), d.decision(), true));
  }

  /** A member that {@link #join} let in, and its subscription to the room's broadcasts. */
  public record Joined(MemberId memberId, RoomBus.Subscription subscription) {}
}