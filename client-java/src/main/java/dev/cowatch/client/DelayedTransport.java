package dev.cowatch.client;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adds a one-way delay to every message in both directions, as a long network path would, while
 * keeping order (a message never overtakes the one before it). For the simulator and tests.
 */
public final class DelayedTransport implements Transport {
  private final Transport inner;
  private final ScheduledExecutorService scheduler;
  private final Random random;
  private final double meanMs;
  private final double jitterMs;

  /** Each message waits {@code meanMs ± jitterMs} (uniform) per direction. */
  public DelayedTransport(Transport inner, ScheduledExecutorService scheduler, long seed, double meanMs, double jitterMs) {
    this.inner = inner;
    this.scheduler = scheduler;
    this.random = new Random(seed);
    this.meanMs = meanMs;
    this.jitterMs = jitterMs;
  }

  @Override
  public CompletableFuture<Connection> connect(URI uri, Listener listener) {
    Lane inbound = new Lane();
    Listener delayedListener = new Listener() {
      @Override
      public void onText(String text) {
        inbound.later(() -> listener.onText(text));
      }

      @Override
      public void onClosed(int code, String reason) {
        inbound.later(() -> listener.onClosed(code, reason));
      }
    };
    Lane outbound = new Lane();
    return inner.connect(uri, delayedListener).thenApply(c -> new Connection() {
      @Override
      public void send(String text) {
        outbound.later(() -> c.send(text));
      }

      @Override
      public void close(int code, String reason) {
        outbound.later(() -> c.close(code, reason));
      }
    });
  }

  /**
   * One direction: due times never go backwards and one drain runs at a time, so messages keep
   * their order whatever threads the scheduler has.
   */
  private final class Lane {
    private record Item(long dueNanos, Runnable action) {}

    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final ReentrantLock draining = new ReentrantLock();
    private long lastDueNanos;

    void later(Runnable action) {
      double delayMs;
      synchronized (random) {
        delayMs = meanMs + (random.nextDouble() * 2 - 1) * jitterMs;
      }
      long due;
      synchronized (queue) {
        due = Math.max(lastDueNanos, System.nanoTime() + (long) (delayMs * 1e6));
        lastDueNanos = due;
        queue.add(new Item(due, action));
      }
      scheduler.schedule(this::drain, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void drain() {
      draining.lock();
      try {
        while (true) {
          Item next;
          synchronized (queue) {
            next = queue.peek();
            if (next == null || next.dueNanos() > System.nanoTime()) return;
            queue.poll();
          }
          next.action().run();
        }
      } finally {
        draining.unlock();
      }
    }
  }
}
