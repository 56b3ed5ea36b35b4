package dev.cowatch.client;

import dev.cowatch.core.FakeClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs scheduled tasks on test time: a task runs when {@link #advance} reaches its due time. */
final class TestScheduler implements Scheduler {
  private record Task(long dueMs, long seq, Runnable run, boolean[] cancelled) {}

  final FakeClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long seq;

  TestScheduler(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMs) {
    boolean[] cancelled = {false};
    tasks.add(new Task(clock.now() + delayMs, seq++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Moves time on by {@code ms}, running each task that falls due on the way at its due time. */
  void advance(long ms) {
    long until = clock.now() + ms;
    while (true) {
      Task next = tasks.stream().filter(t -> t.dueMs() <= until)
          .min(Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::seq)).orElse(null);
      if (next == null) break;
      tasks.remove(next);
      clock.elapse(next.dueMs() - clock.now());
      if (!next.cancelled()[0]) next.run().run();
    }
    clock.elapse(until - clock.now());
  }

  /** Tasks waiting, cancelled ones left out. */
  long pending() {
    return tasks.stream().filter(t -> !t.cancelled()[0]).count();
  }
}
