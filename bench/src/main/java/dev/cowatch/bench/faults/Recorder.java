package dev.cowatch.bench.faults;

import dev.cowatch.bench.faults.History.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A fault run's history as it is recorded, from every client and the schedule, on one clock: ms since the start. */
final class Recorder {
  private final long startNanos = System.nanoTime();
  private final List<Event> events = new ArrayList<>();
  private final AtomicLong ops = new AtomicLong();

  long nowMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A number no other operation of the run has. */
  long nextOp() {
    return ops.incrementAndGet();
  }

  synchronized void add(Event e) {
    events.add(e);
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }
}
