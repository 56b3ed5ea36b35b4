package dev.cowatch.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay. The client needs no more of a {@link ScheduledExecutorService};
 * this narrow seam lets tests run reconnects and pings on test time.
 */
@FunctionalInterface
interface Scheduler {
  Cancellable schedule(Runnable task, long delayMs);

  /** Cancels the task if it has not started; a running task finishes. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }

  static Scheduler of(ScheduledExecutorService executor) {
    return (task, delayMs) -> {
      ScheduledFuture<?> future = executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    };
  }
}
