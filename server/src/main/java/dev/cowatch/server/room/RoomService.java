package dev.cowatch.server.room;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.AdminIntent;
import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.broadcast.RoomBroadcasts;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.decisions.ApartReports;
import dev.cowatch.server.room.decisions.DecisionPipeline;
import dev.cowatch.server.room.decisions.RoomCommits;
import dev.cowatch.server.room.decisions.RoomLifecycle;
import dev.cowatch.server.room.decisions.RoomObserver;
import dev.cowatch.server.room.decisions.RoomPlans;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import dev.cowatch.server.room.members.Joined;
import dev.cowatch.server.room.members.JoinsAndDepartures;
import dev.cowatch.server.room.upkeep.IdleRooms;
import dev.cowatch.server.room.upkeep.RoomUpkeep;
import dev.cowatch.server.room.upkeep.TimelineCheckpoints;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The rooms' façade. Every change goes through the {@link DecisionPipeline} (load, decide, commit, publish, under the
 * room's lock), joins and departures in batches ({@link JoinsAndDepartures}); {@link RoomUpkeep} keeps live rooms in
 * order between decisions. Nothing is shown to anyone before it is stored: a crash loses nothing acknowledged.
 */
public final class RoomService {
  private final LiveRooms live;
  private final Tolerances tolerances;
  private final Ids ids;
  private final ScheduledExecutorService timers;
  private final RoomBroadcasts broadcasts;
  private final DecisionPipeline pipeline;
  private final JoinsAndDepartures joinsAndDepartures;
  private final RoomUpkeep upkeep;
  private final RoomQueries queries;
  /** Health reports decided without the room's lock, where the deployment keeps members' health apart. */
  private final Optional<ApartReports> apartReports;
  private final RoomLifecycle lifecycle;

  /** One node's rooms, in memory. */
  public RoomService(RoomStore store, RoomRepository repository, RoomBus bus, Tolerances tolerances, Clock clock,
      Ids ids, JsonCodec codec, ScheduledExecutorService timers, int maxRooms) {
    this(LiveRooms.alone(store, bus), repository, tolerances, clock, ids, codec, timers, maxRooms, Tracing.OFF);
  }

  /** {@code tracing}: spans of each traced decision's steps (load, decide, persist, broadcast). */
  public RoomService(LiveRooms live, RoomRepository repository, Tolerances tolerances, Clock clock, Ids ids,
      JsonCodec codec, ScheduledExecutorService timers, int maxRooms, Tracing tracing) {
    this.live = live;
    this.tolerances = tolerances;
    this.ids = ids;
    this.timers = timers;
    this.queries = new RoomQueries(live.store(), repository);
    TimelineCheckpoints checkpoints = new TimelineCheckpoints(repository, RoomUpkeep.CHECKPOINT_PLAYING_MS);
    IdleRooms idle = new IdleRooms();
    this.broadcasts = new RoomBroadcasts(live.bus(), codec, clock::millis, live.sharing());
    RoomCommits commits = new RoomCommits(live.store(), repository, checkpoints, idle, clock, tracing, live.sharing());
    this.pipeline = new DecisionPipeline(live, repository, new RoomDecider(tolerances), commits, checkpoints,
        broadcasts, timers, tolerances.reconnectGraceMs(), clock, tracing);
    this.upkeep = new RoomUpkeep(live, checkpoints, broadcasts, idle, pipeline, clock);
    this.apartReports = live.sharing().healthApart().map(h -> new ApartReports(live.store(), h, pipeline, clock));
    this.lifecycle = new RoomLifecycle(live, repository, checkpoints, idle, broadcasts, ids, clock, maxRooms);
    this.joinsAndDepartures = new JoinsAndDepartures(live, repository, pipeline, ids, codec, clock, tracing);
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
    return lifecycle.create(settings, owner, mediaId, passwordHash);
  }

  /** The room, live or (brought back into memory) from the repository. */
  public Optional<Room> find(RoomId id) {
    Optional<Room> inMemory = live.store().get(id);
    if (inMemory.isPresent()) return inMemory;
    return live.locks().call(id, () -> pipeline.loadedHolding(id));
  }

  /** Whether this node runs {@code job} now, one the cluster needs done once (see {@code JobLeader.leads}). */
  public boolean leads(String job) {
    return live.jobs().leads(job);
  }

  /** Read-only questions about rooms (media access, presence, counts), answered without a room's lock. */
  public RoomQueries queries() {
    return queries;
  }

  /** The member this resume token belongs to in this room, if it is still a member. */
  public Optional<MemberId> resumable(RoomId roomId, String token) {
    return live.sessions().tokenHolder(roomId, token)
        .filter(m -> live.store().get(roomId).flatMap(r -> r.member(m)).isPresent());
  }

  /** Joins or resumes a member (see {@link JoinsAndDepartures#join}); a {@link Refusal} if the room says no. */
  public Joined join(RoomId roomId, Identity who, String name, String resumeToken, RoomBus.Listener listener) {
    return join(roomId, who, name, resumeToken, listener, null);
  }

  /** {@link #join} from another kind of client ({@code client}, e.g. {@code syncplay}, shown beside the name). */
  public Joined join(RoomId roomId, Identity who, String name, String resumeToken, RoomBus.Listener listener,
      String client) {
    return joinsAndDepartures.join(roomId, who, name, resumeToken, listener, client);
  }

  /** Decides one intent for a member and broadcasts the result; empty if the room is gone. */
  public Optional<Decision> apply(RoomId roomId, MemberId memberId, Intent intent) {
    if (intent instanceof Intent.Report report && apartReports.isPresent()) {
      Optional<Decision> reported = apartReports.get().decide(roomId, memberId, report);
      if (reported.isPresent()) return reported;
    }
    return pipeline.intent(roomId, memberId, intent);
  }

  /** Puts the room on its programme (a showing's episode anchored at an instant); empty if there is no room. */
  public Optional<Room> programme(RoomId roomId, String mediaId, long anchorTimeMs) {
    return pipeline.programme(roomId, mediaId, anchorTimeMs);
  }

  /** A roster or settings change by {@code actor}, with a new password hash (empty clears); empty if no room. */
  public Optional<Decision> administer(RoomId roomId, UserId actor, AdminIntent intent, Optional<String> passwordChange) {
    return pipeline.administer(roomId, actor, intent, passwordChange);
  }

  /** Deletes the room for good: its sessions end, its data goes. False if it did not exist. */
  public boolean delete(RoomId roomId) {
    return lifecycle.remove(roomId, "deleted");
  }

  /** {@link #delete} by the site's administrators: members are told {@code bye closed}, not their owner's doing. */
  public boolean closeForGood(RoomId roomId) {
    return lifecycle.remove(roomId, "closed");
  }

  /** A member's connection is gone: the member is disconnected if that connection still spoke for it (then true). */
  public boolean disconnect(RoomId roomId, MemberId memberId, RoomBus.Listener connection) {
    return joinsAndDepartures.disconnect(roomId, memberId, connection);
  }

  /** A fresh name for a queue entry. */
  public String newQueueItemId() {
    return ids.queueItemId();
  }

  /** Where rooms coming back into memory are put by their plans (the showings). */
  public void planFrom(RoomPlans plans) {
    pipeline.planFrom(plans);
  }

  /** Adds an observer of every committed change (watch history). */
  public void observe(RoomObserver observer) {
    pipeline.observe(observer);
  }

  /** Sends a message to every connection of the room, encoded once (chat and other room events). */
  public void broadcast(RoomId roomId, ServerMessage message) {
    broadcasts.send(roomId, message);
  }

  /** Sends a message to one member's connection on any node (signaling); no lock: a relay needs only the order. */
  public void sendTo(RoomId roomId, MemberId memberId, ServerMessage message) {
    broadcasts.sendTo(roomId, memberId, message);
  }
}
