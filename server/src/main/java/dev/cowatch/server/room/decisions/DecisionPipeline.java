package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.AdminIntent;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.broadcast.RoomBroadcasts;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.MemberSessions;
import dev.cowatch.server.room.live.RoomLocking;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import dev.cowatch.server.room.upkeep.RoomTicks;
import dev.cowatch.server.room.upkeep.TimelineCheckpoints;
import dev.cowatch.server.room.upkeep.UpkeepDecisions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a live room changes. Every change (a member's intent, an administrator's, a showing's programme, a
 * deadline reached, a batch of joins or departures) takes the same steps under the room's lock:
 *
 * <ol>
 *   <li><b>load</b>: the live room, or the stored one brought back into memory on its plan;
 *   <li><b>decide</b>: one of core's {@link RoomDecider} decisions, pure; a refusal stops here, nothing stored or sent;
 *   <li><b>commit</b>: the live store's compare-and-set, then the durable parts at the decision's revision
 *       ({@link RoomCommits}); a lost compare-and-set throws having written nothing, a failed write after it throws
 *       with the live room undone; then the room's next deadline is scheduled ({@link RoomTicks});
 *   <li><b>publish</b>: the broadcast that acknowledges the change, then the observers (watch history, showings).
 * </ol>
 *
 * Each step is a span of the trace of whatever asked (none when nothing is traced). A batch (joins) runs the steps
 * itself through {@link #loadedHolding}, {@link #commit} and {@link #publish}, with its own work between them.
 */
public final class DecisionPipeline implements UpkeepDecisions {
  private static final Logger log = LoggerFactory.getLogger(DecisionPipeline.class);

  /** Whether a room not in memory is loaded for a decision, or the decision is dropped (a timer for a room gone). */
  public enum WhenAway { LOAD, SKIP }

  /**
   * How a decision is committed and published.
   *
   * @param passwordChange a new password hash stored with new settings (empty string clears it)
   * @param ahead a newcomer's roster entry already stored: not written again
   * @param presenceNow whether the members' list goes out at once, or at the room's presence pace
   */
  public record Commit(Optional<String> passwordChange, RosterAhead ahead, boolean presenceNow) {
    public static final Commit NOW = new Commit(Optional.empty(), RosterAhead.NONE, true);
    public static final Commit PRESENCE_PACED = new Commit(Optional.empty(), RosterAhead.NONE, false);

    public static Commit withPassword(Optional<String> passwordChange) {
      return new Commit(passwordChange, RosterAhead.NONE, true);
    }
  }

  /** A decision and the room it was taken on. */
  public record Decided(Room before, Decision decision) {}

  private final RoomStore store;
  private final RoomRepository repository;
  private final RoomLocking locks;
  private final RoomDecider decider;
  private final RoomCommits commits;
  private final TimelineCheckpoints checkpoints;
  private final RoomBroadcasts broadcasts;
  private final MemberSessions sessions;
  private final RoomTicks ticks;
  private final Clock clock;
  private final Tracing tracing;
  private final List<RoomObserver> observers = new CopyOnWriteArrayList<>();
  private volatile RoomPlans plans = RoomPlans.NONE;

  public DecisionPipeline(LiveRooms live, RoomRepository repository, RoomDecider decider, RoomCommits commits,
      TimelineCheckpoints checkpoints, RoomBroadcasts broadcasts, ScheduledExecutorService timers,
      long reconnectGraceMs, Clock clock, Tracing tracing) {
    this.store = live.store();
    this.locks = live.locks();
    this.sessions = live.sessions();
    this.repository = repository;
    this.decider = decider;
    this.commits = commits;
    this.checkpoints = checkpoints;
    this.broadcasts = broadcasts;
    this.ticks = new RoomTicks(timers, clock, reconnectGraceMs, this::tick);
    this.clock = clock;
    this.tracing = tracing;
  }

  public RoomDecider decider() {
    return decider;
  }

  @Override
  public RoomTicks ticks() {
    return ticks;
  }

  @Override
  public void disconnectHolding(RoomId roomId, MemberId orphan) {
    decideHolding(roomId, WhenAway.LOAD, r -> decider.decide(r, orphan, new Intent.Disconnect(), clock.millis()),
        Commit.NOW);
  }

  /** Where rooms coming back into memory are put by their plans (the showings). */
  public void planFrom(RoomPlans p) {
    this.plans = p;
  }

  public void observe(RoomObserver observer) {
    observers.add(observer);
  }

  /** A member's intent, decided now; a report's presence goes out at the room's pace, anything else's at once. */
  public Optional<Decision> intent(RoomId roomId, MemberId memberId, Intent intent) {
    Commit how = intent instanceof Intent.Report ? Commit.PRESENCE_PACED : Commit.NOW;
    return decide(roomId, WhenAway.LOAD, room -> decider.decide(room, memberId, intent, clock.millis()), how)
        .map(Decided::decision);
  }

  /** The room put on its programme (a showing's episode anchored at an instant). */
  public Optional<Room> programme(RoomId roomId, String mediaId, long anchorTimeMs) {
    return decide(roomId, WhenAway.LOAD, room -> decider.programme(room, mediaId, anchorTimeMs), Commit.NOW)
        .map(d -> d.decision().room());
  }

  /** A roster or settings change by {@code actor}, with a new password hash (empty clears). */
  public Optional<Decision> administer(RoomId roomId, UserId actor, AdminIntent intent, Optional<String> passwordChange) {
    return decide(roomId, WhenAway.LOAD, room -> decider.administer(room, actor, intent, clock.millis()),
        Commit.withPassword(passwordChange)).map(Decided::decision);
  }

  /** The steps for {@code decide} on the room, taking the room's lock; empty when the room is not there. */
  public Optional<Decided> decide(RoomId roomId, WhenAway away, Function<Room, Decision> decide, Commit how) {
    return locks.call(roomId, () -> decideHolding(roomId, away, decide, how));
  }

  /** {@link #decide}, the caller holding the room's lock. */
  Optional<Decided> decideHolding(RoomId roomId, WhenAway away, Function<Room, Decision> decide, Commit how) {
    Optional<Room> room = traced("room.load", roomId, () -> away == WhenAway.LOAD ? loadedHolding(roomId) : store.get(roomId));
    if (room.isEmpty()) return Optional.empty();
    Decision d;
    try (Span step = tracing.step("room.decide", roomId.value())) {
      d = decide.apply(room.get());
      if (d.isRejected()) step.attribute("cowatch.refused", d.rejection().code().name());
    }
    if (d.isRejected()) return Optional.of(new Decided(room.get(), d));
    commit(room.get(), d, how);
    publish(room.get(), d, how.presenceNow());
    return Optional.of(new Decided(room.get(), d));
  }

  /** The room, live or brought back into memory from the repository on its plan; the caller holds its lock. */
  public Optional<Room> loadedHolding(RoomId id) {
    Optional<Room> live = store.get(id);
    if (live.isPresent()) return live;
    Optional<Room> stored = repository.load(id).map(this::onItsPlan);
    stored.ifPresent(r -> {
      // The repository hands the room back paused on a version past the stored one: store that first, so a crash
      // before its next change cannot bring the same version back as another timeline.
      checkpoints.saveNow(r, clock.millis());
      store.create(r);
      log.info("room loaded room={} position={} version={}", id, r.timeline().anchorPositionMs(), r.timeline().version());
      for (RoomObserver o : observers) o.loaded(r);
    });
    return stored;
  }

  /**
   * A room with a plan comes back where the plan says it is now, not paused where it was stored (the decision a
   * showing's programme would make, made before the room is stored and seen). A plan that cannot be applied leaves
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

  /** Makes an accepted decision the room's state and schedules its next deadline; the caller holds the lock. */
  public void commit(Room before, Decision d, Commit how) {
    commits.traced(before, d, how.passwordChange(), how.ahead());
    ticks.schedule(d.room());
  }

  /**
   * Forgets departed members' resume tokens and sessions, broadcasts the decision, then tells the observers: after the
   * broadcast, so that what they send in turn (a chat line saying who paused) does not compete with the new timeline
   * on its way to the room.
   */
  public void publish(Room before, Decision d, boolean presenceNow) {
    Span step = tracing.step("room.broadcast", before.id().value());
    try {
      for (RoomEvent e : d.events()) {
        if (e instanceof RoomEvent.MemberLeft left) {
          sessions.forget(d.room().id(), left.memberId());
          log.info("member left room={} member={} reason={}", d.room().id(), left.memberId(), left.reason());
        }
      }
      broadcasts.publish(d, presenceNow);
    } finally {
      step.close();
    }
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

  /** A room's deadline came (see {@link RoomTicks}): time alone may change what the room does. */
  private void tick(RoomId roomId) {
    locks.run(roomId, () -> {
      try {
        ticks.forget(roomId);
        decideHolding(roomId, WhenAway.SKIP, r -> decider.tick(r, clock.millis()), Commit.NOW);
      } catch (RuntimeException e) {
        log.error("tick failed room={}", roomId, e);
      }
    });
  }

  private <T> T traced(String step, RoomId roomId, Supplier<T> work) {
    Span span = tracing.step(step, roomId.value());
    try {
      return work.get();
    } finally {
      span.close();
    }
  }
}
