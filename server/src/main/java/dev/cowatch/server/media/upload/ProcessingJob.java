package dev.cowatch.server.media.upload;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One item's processing, which may run in two steps on two executors (inspecting, then converting). Cancelling
 * interrupts the step that is running and waits until it has stopped, so the one who cancels (deleting the item)
 * knows nothing more will be written for it; a step that has not started yet will not.
 */
final class ProcessingJob {
  final String mediaId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stopped = lock.newCondition();
  private boolean cancelled;
  private Thread runner;

  ProcessingJob(String mediaId) {
    this.mediaId = mediaId;
  }

  /** At the start of a step: false when the job was cancelled (skip the step). */
  boolean enter() {
    lock.lock();
    try {
      if (cancelled) return false;
      runner = Thread.currentThread();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** At the end of a step, on the thread that entered. */
  void exit() {
    lock.lock();
    try {
      runner = null;
      // An interrupt from cancel() is meant for this step only, not for the pool thread's next job.
      Thread.interrupted();
      stopped.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean cancelled() {
    lock.lock();
    try {
      return cancelled;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the job; true when it has stopped within {@code patience}. */
  boolean cancel(Duration patience) throws InterruptedException {
    lock.lock();
    try {
      cancelled = true;
      if (runner != null) runner.interrupt();
      long nanos = patience.toNanos();
      while (runner != null && nanos > 0) nanos = stopped.awaitNanos(nanos);
      return runner == null;
    } finally {
      lock.unlock();
    }
  }

}
