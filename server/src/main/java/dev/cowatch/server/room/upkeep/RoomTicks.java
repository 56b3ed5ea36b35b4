package dev.cowatch.server.room.upkeep;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wakes a room at its next deadline (a scheduled start, a reconnect grace running out) so the room can
 * decide what time alone changes. One timer per room and deadline: a later deadline than the one
 * already set waits for that one, which schedules the next when it fires.
 */
public final class RoomTicks {
  private final ConcurrentMap<RoomId, Long> scheduled = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final long reconnectGraceMs;
  private final Consumer<RoomId> tick;

  public RoomTicks(ScheduledExecutorService timers, Clock clock, long reconnectGraceMs, Consumer<RoomId> tick) {
    this.timers = timers;
    this.clock = clock;
    this.reconnectGraceMs = reconnectGraceMs;
    this.tick = tick;
  }

  /** Sets a timer for the room's next deadline, unless one at or before it is set. Under the room's lock. */
  public void schedule(Room room) {
    room.nextDeadline(reconnectGraceMs).ifPresent(deadline -> {
      Long current = scheduled.get(room.id());
      if (current != null && current <= deadline) return;
      scheduled.put(room.id(), deadline);
      long delay = Math.max(0, deadline - clock.millis());
      try {
        timers.schedule(() -> tick.accept(room.id()), delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // The node is stopping and its timers with it: the decision stands (it was stored), and a room loaded again
        // after a start has its deadline from its next decision. Thrown on, it failed the departures of every member
        // still connected at a stop (seen by the hundred as Jetty's "Failure from onClosed").
        scheduled.remove(room.id(), deadline);
      }
    });
  }

  /** The room's timer fired (or the room left memory): the next deadline needs a new one. */
  public void forget(RoomId room) {
    scheduled.remove(room);
  }
}
