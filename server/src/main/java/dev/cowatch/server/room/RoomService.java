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
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
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
 * state; they come back from the repository when asked for.
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
  private final WaitingDecisions<PendingJoin> joining = new WaitingDecisions<>();
  private final WaitingDecisions<PendingLeave> leaving = new WaitingDecisions<>();
  private final RoomCommits commits;
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
    // A newcomer's roster row is stored before the room's lock is taken: the one database write of a join then
    // holds up none of the room's other decisions (in a cluster the lock is a lease the other nodes wait for).
    RosterAhead ahead = RosterAhead.store(store, repository, clock.millis(), roomId, who, name, resumeToken);
    return inTurn(roomId, joining, new PendingJoin(who, name, resumeToken, listener, client, ahead),
        batch -> joinAllLocked(roomId, batch));
  }

  /**
   * Queues {@code mine} for the room's lock; whoever of its kind has the lock first decides every one waiting by then
   * ({@link WaitingDecisions}), this one perhaps among them. Its outcome, or its refusal thrown.
   *
   * <p>A turn decides the oldest waiting, at most {@link WaitingDecisions#MAX_TOGETHER}: a thread that gets the lock
   * with more than that ahead of it decides those and asks for the lock again, until its own is decided (the lock is
   * not taken in the order the decisions queued; 102 members leaving at once at shutdown showed it).
   */
  private <R, P extends WaitingDecisions.Pending<R>> R inTurn(RoomId roomId, WaitingDecisions<P> waiting, P mine,
      Consumer<List<P>> decideAllLocked) {
    waiting.add(roomId, mine);
    try {
      while (!mine.isDecided()) {
        locks.runUnless(roomId, mine::isDecided, () -> decideAllLocked.accept(waiting.take(roomId)));
      }
    } catch (RuntimeException e) {
      // Not had the lock (the room busy on another node past the wait): nobody took it, and it is refused with that.
      if (waiting.withdraw(roomId, mine) || !mine.isDecided()) throw e;
    }
    return mine.outcome();
  }

  /**
   * Decides {@code joins} one after another on the room, then commits them together: one read, one compare-and-set,
   * one round trip for their sessions, one presence list. Each is given its outcome (a refusal for those the room
   * does not let in, or for all when the room is gone or the commit fails). Under the room's lock.
   */
  private void joinAllLocked(RoomId roomId, List<PendingJoin> joins) {
    List<Admitted> admitted = new ArrayList<>(joins.size());
    try {
      Optional<Room> loaded = loadedLocked(roomId);
      if (loaded.isEmpty()) {
        for (PendingJoin j : joins) j.refused(RoomRefusals.roomNotFound(roomId.value()));
        return;
      }
      Room before = loaded.get();
      Room room = before;
      List<RoomEvent> events = new ArrayList<>();
      try (Span step = tracing.step("room.decide", roomId.value())) {
        for (PendingJoin j : joins) {
          Optional<MemberId> back = backWith(roomId, room, j);
          MemberId memberId = back.orElseGet(() -> new MemberId(ids.memberId()));
          Intent intent = back.isPresent() ? new Intent.Reconnect() : new Intent.Join(j.name, j.who.userId(),
              j.who.isGuest(), j.who.kind() != Identity.Kind.ANONYMOUS, j.client);
          Decision d = decider.decide(room, memberId, intent, clock.millis());
          if (d.isRejected()) {
            step.attribute("cowatch.refused", d.rejection().code().name());
            j.refused(RoomRefusals.of(d.rejection().code(), d.rejection().message()));
            continue;
          }
          room = d.room();
          events.addAll(d.events());
          admitted.add(new Admitted(j, memberId, back.isPresent()));
        }
      }
      if (admitted.isEmpty()) return;
      Decision together = new Decision(room, events, null);
      Seating seating = seating(roomId, admitted);
      commits.traced(before, together, Optional.empty(),
          RosterAhead.together(admitted.stream().map(a -> a.join.ahead).toList()));
      ticks.schedule(room);
      try {
        seatAll(roomId, room, admitted, seating);
      } catch (RuntimeException e) {
        undo(roomId, room, admitted.stream().filter(a -> !a.join.isDecided()).toList());
        throw e;
      }
      publish(before, together, true);
    } catch (RuntimeException e) {
      // Nothing was committed, or the sessions failed after: the joins not yet answered are refused.
      WaitingDecisions.refuseUndecided(joins, e);
    }
  }

  /**
   * Takes back joins committed whose sessions could not be stored (Redis too slow to answer): refused, their clients
   * dial again, and members left behind without a connection would count against the room's size (a full room then
   * refused them). A new member leaves; one that was resuming is disconnected, as its connection is. Best effort.
   */
  private void undo(RoomId roomId, Room room, List<Admitted> failed) {
    if (failed.isEmpty()) return;
    try {
      commitTogether(room, decideEach(room, failed.stream()
          .map(a -> Map.entry(a.memberId, a.back ? (Intent) new Intent.Disconnect() : new Intent.Leave())).toList()));
    } catch (RuntimeException e) {
      log.warn("could not take back {} joins of room {} whose sessions were not stored: {}", failed.size(), roomId,
          e.toString());
    }
  }

  /** Each member's intent decided in turn on the room as the ones before left it; refused ones change nothing. */
  private Decision decideEach(Room room, List<Map.Entry<MemberId, Intent>> intents) {
    Room after = room;
    List<RoomEvent> events = new ArrayList<>();
    for (var i : intents) {
      Decision d = decider.decide(after, i.getKey(), i.getValue(), clock.millis());
      if (d.isRejected()) continue;
      after = d.room();
      events.addAll(d.events());
    }
    return new Decision(after, events, null);
  }

  /** Stores decisions taken together on {@code before} (nothing stored ahead) and broadcasts them. */
  private void commitTogether(Room before, Decision together) {
    commits.traced(before, together, Optional.empty(), RosterAhead.NONE);
    ticks.schedule(together.room());
    publish(before, together, true);
  }

  /** A resume token brings back a session of the same user; an anonymous session is its token. */
  private Optional<MemberId> backWith(RoomId roomId, Room room, PendingJoin j) {
    if (j.resumeToken == null) return Optional.empty();
    return sessions.tokenHolder(roomId, j.resumeToken)
        .filter(m -> room.member(m).filter(x -> j.who.kind() == Identity.Kind.ANONYMOUS
            || x.userId().equals(j.who.userId())).isPresent());
  }

  /** A join the room let in: the member it made or brought back. */
  private record Admitted(PendingJoin join, MemberId memberId, boolean back) {}

  /**
   * Starts storing the admitted's sessions (a new member's token, each connection) and returns the tokens: sent before
   * the room's compare-and-set on the same connection, its answer has come when that one's has (in a cluster one
   * round trip fewer under the lease). Should the commit fail, the tokens name members the room never had, which
   * resume nobody (a resume needs the member in the room).
   */
  private Seating seating(RoomId roomId, List<Admitted> admitted) {
    List<MemberSessions.Seat> seats = new ArrayList<>(admitted.size());
    List<String> tokens = new ArrayList<>(admitted.size());
    for (Admitted a : admitted) {
      String token = a.back ? a.join.resumeToken : ids.resumeToken();
      tokens.add(token);
      seats.add(new MemberSessions.Seat(a.memberId, a.back ? null : token, a.join.listener));
    }
    return new Seating(tokens, sessions.seatingAll(roomId, seats));
  }

  /** The tokens of joins being seated, and what waits until their sessions are stored. */
  private record Seating(List<String> tokens, Runnable done) {}

  /**
   * Once the sessions are stored, subscribes each admitted and hands it its {@code joined} with the room as the joins
   * left it, before any broadcast that follows.
   */
  private void seatAll(RoomId roomId, Room room, List<Admitted> admitted, Seating seating) {
    seating.done().run();
    var members = Wire.members(room);
    for (int i = 0; i < admitted.size(); i++) {
      Admitted a = admitted.get(i);
      RoomBus.Subscription subscription = bus.subscribe(roomId, a.join.listener);
      var listed = MemberListing.forJoiner(members, a.memberId.value());
      var joined = new ServerMessage.Joined(a.memberId.value(), seating.tokens().get(i), a.back,
          Wire.room(room, listed), clock.millis());
      a.join.listener.deliver(new Broadcast(Broadcast.Kind.EVENT, codec.encode(joined)));
      a.join.decided(new Joined(a.memberId, subscription));
      log.info("member {} room={} member={}", a.back ? "resumed" : "joined", roomId, a.memberId);
    }
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
    return inTurn(roomId, leaving, new PendingLeave(memberId, connection), batch -> leaveAllLocked(roomId, batch));
  }

  /**
   * Lets go of each departed connection that still speaks for its member, then marks those members disconnected in
   * one decision, stored and broadcast once (a crowd leaving at once: see WaitingDecisions). Under the room's lock.
   */
  private void leaveAllLocked(RoomId roomId, List<PendingLeave> leaves) {
    try {
      List<Boolean> detached = sessions.detachAll(roomId,
          leaves.stream().map(l -> new MemberSessions.Seat(l.member, null, l.connection)).toList());
      List<PendingLeave> gone = new ArrayList<>(leaves.size());
      for (int i = 0; i < leaves.size(); i++) {
        if (detached.get(i)) gone.add(leaves.get(i));
        else leaves.get(i).decided(false);
      }
      if (gone.isEmpty()) return;
      try {
        Optional<Room> loaded = loadedLocked(roomId);
        if (loaded.isPresent()) {
          commitTogether(loaded.get(), decideEach(loaded.get(),
              gone.stream().map(l -> Map.entry(l.member, (Intent) new Intent.Disconnect())).toList()));
        }
      } catch (RuntimeException e) {
        reattach(roomId, gone);
        throw e;
      }
      for (PendingLeave l : gone) l.decided(true);
    } catch (RuntimeException e) {
      WaitingDecisions.refuseUndecided(leaves, e);
    }
  }

  /**
   * Departures let go of whose disconnect could not be committed (Redis did not answer, or another node decided after
   * this node's lease lapsed): their connections speak for their members again, so that the departure asked again
   * later (LateDepartures) finds them and marks the members disconnected, instead of finding nobody to let go and
   * leaving them shown connected with no connection. Best effort.
   */
  private void reattach(RoomId roomId, List<PendingLeave> gone) {
    try {
      sessions.seatAll(roomId, gone.stream().map(l -> new MemberSessions.Seat(l.member, null, l.connection)).toList());
    } catch (RuntimeException e) {
      log.warn("could not take back {} departures of room {} whose disconnect failed: {}", gone.size(), roomId,
          e.toString());
    }
  }

  /** A decision and the room it was taken on. */
  private record Decided(Room before, Decision decision) {}

  private Optional<Decided> decideLocked(RoomId roomId, MemberId memberId, Intent intent, RosterAhead ahead) {
    // Loaded when not live, for any intent: the room of a connected member is live unless the shared
    // store lost it (Redis restarted without its data); it comes back from its checkpoint then.
    Optional<Room> room = loadedLocked(roomId);
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
