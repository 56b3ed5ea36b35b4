package dev.cowatch.server.showing;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.decisions.RoomObserver;
import dev.cowatch.server.room.decisions.RoomPlans;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs showings in their rooms. Planning one anchors the room's timeline at the start instant, so
 * everyone present starts on the same frame and a late viewer lands where the show is. While the
 * room plays an episode, a timer waits for its end (from the room's real timeline, so a pause by a
 * moderator moves the end) and anchors the next episode exactly there. A room coming back into
 * memory is put where the plan says the show is now, before anyone sees it ({@link #planned}).
 *
 * <p>Work happens on the timer thread or a planner's request, never under a room's lock.
 */
public final class RoomShowingConductor implements ShowingConductor, RoomObserver, RoomPlans {
  private static final Logger log = LoggerFactory.getLogger(RoomShowingConductor.class);
  /** Showings that started longer ago than this are not looked after at start-up. */
  static final Duration LOOK_BACK = Duration.ofDays(2);
  /** Showings followed at most (a node follows every one of the deployment's). */
  static final int MAX_FOLLOWED = 10_000;
  /** How often a node takes up what other nodes planned (a cluster's nodes share the showings). */
  public static final Duration REFRESH_EVERY = Duration.ofSeconds(15);

  private final ShowingRepository repository;
  private final RoomService rooms;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Map<String, Showing> byRoom = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> endTimers = new ConcurrentHashMap<>();

  public RoomShowingConductor(ShowingRepository repository, RoomService rooms, Clock clock,
      ScheduledExecutorService timers) {
    this.repository = repository;
    this.rooms = rooms;
    this.clock = clock;
    this.timers = timers;
  }

  /** Takes up the showings that are on or to come (after a restart). */
  public void start() {
    List<Showing> active = repository.active(clock.millis() - LOOK_BACK.toMillis(), MAX_FOLLOWED);
    for (Showing s : active) byRoom.put(s.roomId(), s);
    log.info("showings looked after: {}", active.size());
  }

  /**
   * Takes up what other nodes of a cluster planned, moved or cancelled since: every node follows every
   * showing, so one whose planning node died goes on (moving a room on to its next episode is the same
   * decision from any node: when several make it, they agree). A showing whose room is live and not
   * yet watched for its episode's end here is followed now; a room not in memory is followed when it
   * comes back ({@link #loaded}).
   */
  public void refresh() {
    try {
      Map<String, Showing> active = new java.util.HashMap<>();
      for (Showing s : repository.active(clock.millis() - LOOK_BACK.toMillis(), MAX_FOLLOWED)) active.put(s.roomId(), s);
      for (String roomId : List.copyOf(byRoom.keySet())) {
        if (!active.containsKey(roomId)) {
          byRoom.remove(roomId);
          cancelTimer(roomId);
        }
      }
      for (Showing s : active.values()) {
        Showing before = byRoom.put(s.roomId(), s);
        boolean news = before == null || !before.equals(s) || !endTimers.containsKey(s.roomId());
        if (news && rooms.queries().isLive(new RoomId(s.roomId()))) timers.execute(() -> followRoom(s.roomId()));
      }
    } catch (RuntimeException e) {
      log.warn("could not refresh the showings followed", e);
    }
  }

  /**
   * On the planner's own thread (a request, holding no room's lock): when the planner's answer arrives the
   * room already shows the start, so a preview or a page opened at once never shows an unplanned room.
   */
  @Override
  public void programme(Showing showing) {
    byRoom.put(showing.roomId(), showing);
    followPlan(showing.roomId());
  }

  @Override
  public void cancelled(Showing showing) {
    byRoom.remove(showing.roomId());
    cancelTimer(showing.roomId());
  }

  /** Under the room's lock, while it loads: answers from the showings followed, touching nothing else. */
  @Override
  public Optional<Planned> planned(RoomId room, long nowMs) {
    Showing s = byRoom.get(room.value());
    if (s == null) return Optional.empty();
    return ShowingPlan.slotAt(s, nowMs).map(slot -> new Planned(slot.episode().mediaId(), slot.startsAtMs()));
  }

  /** The room came back on its plan ({@link #planned}): its episode's end is waited for, or the show is over. */
  @Override
  public void loaded(Room room) {
    String roomId = room.id().value();
    Showing s = byRoom.get(roomId);
    if (s == null) return;
    timers.execute(() -> {
      if (ShowingPlan.slotAt(s, clock.millis()).isEmpty()) finished(s);
      else followRoom(roomId);
    });
  }

  @Override
  public void changed(Room before, Room after) {
    if (before != null && before.timeline() == after.timeline()) return;
    String roomId = after.id().value();
    if (byRoom.containsKey(roomId)) timers.execute(() -> followRoom(roomId));
  }

  /** Puts the room where the plan says the show is now. */
  void followPlan(String roomId) {
    Showing s = byRoom.get(roomId);
    if (s == null) return;
    try {
      Optional<ShowingPlan.Slot> slot = ShowingPlan.slotAt(s, clock.millis());
      if (slot.isEmpty()) {
        finished(s);
        return;
      }
      rooms.programme(new RoomId(roomId), slot.get().episode().mediaId(), slot.get().startsAtMs());
    } catch (RuntimeException e) {
      log.warn("could not put showing {} on its room {}", s.id(), roomId, e);
    }
  }

  /** Waits for the end of the episode the room plays, from its real timeline. */
  void followRoom(String roomId) {
    Showing s = byRoom.get(roomId);
    if (s == null) return;
    cancelTimer(roomId);
    Optional<Room> room = rooms.find(new RoomId(roomId));
    if (room.isEmpty()) return;
    Timeline t = room.get().timeline();
    int index = ShowingPlan.episodeIndex(s, t.mediaId());
    if (index < 0 || t.state() != PlaybackState.PLAYING) return; // off the programme, or paused: nothing ends
    Long duration = s.episodes().get(index).durationMs();
    if (duration == null) return; // the last episode of unknown length just plays on
    long endsAt = t.anchorTimeMs() + Math.round((duration - t.anchorPositionMs()) / t.rate());
    long delay = endsAt - clock.millis();
    if (delay <= 0) {
      next(s, index, endsAt);
    } else {
      endTimers.put(roomId, timers.schedule(() -> followRoom(roomId), delay, TimeUnit.MILLISECONDS));
    }
  }

  private void next(Showing s, int index, long at) {
    if (index + 1 >= s.episodes().size()) {
      finished(s);
      return;
    }
    Episode e = s.episodes().get(index + 1);
    log.info("showing {} next episode {} at {}", s.id(), index + 2, at);
    rooms.programme(new RoomId(s.roomId()), e.mediaId(), at);
  }

  private void finished(Showing s) {
    byRoom.remove(s.roomId());
    cancelTimer(s.roomId());
    log.info("showing {} is over", s.id());
  }

  private void cancelTimer(String roomId) {
    ScheduledFuture<?> f = endTimers.remove(roomId);
    if (f != null) f.cancel(false);
  }
}
