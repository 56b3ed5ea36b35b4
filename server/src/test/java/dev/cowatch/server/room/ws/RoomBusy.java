package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.decisions.RoomObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A decision for the room in progress, holding the room's lock until let go (or closed): an observer of the room's
 * decisions runs under its lock, and this one waits in the first decision it sees.
 */
final class RoomBusy implements RoomObserver, AutoCloseable {
  final CountDownLatch holding = new CountDownLatch(1);
  final CountDownLatch letGo = new CountDownLatch(1);
  private final AtomicBoolean held = new AtomicBoolean();
  private Thread decision;

  /** Starts a decision for {@code room} and returns once it holds the room's lock. */
  static RoomBusy hold(TestServer ts, RoomId room) throws InterruptedException {
    RoomService rooms = ts.server().rooms().service();
    RoomBusy busy = new RoomBusy();
    rooms.observe(busy);
    busy.decision = Thread.ofPlatform().start(() -> rooms.programme(room, "film.mp4", System.currentTimeMillis()));
    assertThat(busy.holding.await(5, TimeUnit.SECONDS)).as("the room is held").isTrue();
    return busy;
  }

  @Override
  public void close() {
    letGo.countDown();
    try {
      decision.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void decided(Room before, Decision decision) {
    if (!held.compareAndSet(false, true)) return;
    holding.countDown();
    try {
      letGo.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
