package dev.cowatch.server.room.bus;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one broadcast to the listeners of a room on this node. A listener writes its frame at once,
 * and a socket write costs the writer the whole TCP path of both ends (on loopback the receiver's
 * side runs inside the sender's system call): 10-15 µs here, so a room of a thousand keeps one core
 * busy for 10-15 ms. A large room's listeners are therefore cut into slices that the publishing
 * thread and a few helper threads take in turn, one slice at a time, so that the broadcast spreads
 * over the cores that are free and is still written by the publisher alone when none is.
 *
 * <p>{@link #deliver} returns once every listener has been handed the broadcast: the publisher holds
 * the room's lock meanwhile, so each connection still receives a room's broadcasts in order.
 */
public final class LocalDelivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);
  /** Listeners per slice: a hand-over between threads costs about as much as writing a few frames. */
  static final int SLICE = 32;

  private final int helpers;
  private final ExecutorService pool;

  private LocalDelivery(int helpers) {
    this.helpers = helpers;
    this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, r -> {
      Thread t = new Thread(r, "cowatch-fanout");
      t.setDaemon(true);
      return t;
    });
  }

  /** Everything on the publishing thread (tests, a single core). */
  public static LocalDelivery onPublisher() {
    return new LocalDelivery(0);
  }

  /** The publisher and {@code helpers} threads share large rooms' broadcasts. */
  public static LocalDelivery withHelpers(int helpers) {
    if (helpers < 0) throw new IllegalArgumentException("helpers must be >= 0: " + helpers);
    return new LocalDelivery(helpers);
  }

  /** One helper per core beyond the publisher's. */
  public static LocalDelivery forThisMachine() {
    return withHelpers(Runtime.getRuntime().availableProcessors() - 1);
  }

  /** Delivers {@code broadcast} to every listener, returning when all have it. */
  public void deliver(RoomBus.Listener[] listeners, Broadcast broadcast) {
    int slices = (listeners.length + SLICE - 1) / SLICE;
    if (slices <= 1 || pool == null) {
      for (RoomBus.Listener l : listeners) deliverOne(l, broadcast);
      return;
    }
    Job job = new Job(listeners, broadcast, slices);
    try {
      for (int i = 0, n = Math.min(helpers, slices - 1); i < n; i++) pool.execute(job::work);
    } catch (RejectedExecutionException closing) {
      // Shutting down: the publisher writes the slices no helper took.
    }
    job.work();
    job.awaitDone();
  }

  private static void deliverOne(RoomBus.Listener listener, Broadcast broadcast) {
    try {
      listener.deliver(broadcast);
    } catch (RuntimeException e) {
      // One broken connection must not keep the rest of the room from hearing it.
      log.warn("a listener failed to take a broadcast", e);
    }
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }

  /** One broadcast's slices: whoever is free takes the next; the publisher waits for the last. */
  private static final class Job {
    private final RoomBus.Listener[] listeners;
    private final Broadcast broadcast;
    private final int slices;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger unfinished;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();

    Job(RoomBus.Listener[] listeners, Broadcast broadcast, int slices) {
      this.listeners = listeners;
      this.broadcast = broadcast;
      this.slices = slices;
      this.unfinished = new AtomicInteger(slices);
    }

    void work() {
      for (int s; (s = next.getAndIncrement()) < slices; ) {
        int end = Math.min(listeners.length, (s + 1) * SLICE);
        for (int i = s * SLICE; i < end; i++) deliverOne(listeners[i], broadcast);
        if (unfinished.decrementAndGet() == 0) {
          lock.lock();
          try {
            finished.signalAll();
          } finally {
            lock.unlock();
          }
        }
      }
    }

    /** Waits for slices other threads are still writing (never long: one slice each at most). */
    void awaitDone() {
      if (unfinished.get() == 0) return;
      lock.lock();
      try {
        while (unfinished.get() != 0) finished.awaitUninterruptibly();
      } finally {
        lock.unlock();
      }
    }
  }
}
