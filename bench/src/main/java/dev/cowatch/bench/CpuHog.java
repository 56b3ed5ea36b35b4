package dev.cowatch.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads that spin on the CPU at normal priority beside a benchmark, as another program (a build, a
 * game, a busy tab) would on a viewer's machine. Close it to stop them.
 */
public final class CpuHog implements AutoCloseable {
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  /** Written so the JIT cannot drop the loop. */
  private volatile long sink;

  public CpuHog(int threadCount) {
    for (int i = 0; i < threadCount; i++) {
      threads.add(Thread.ofPlatform().daemon().name("cpu-hog-" + i).start(this::spin));
    }
  }

  public int threads() {
    return threads.size();
  }

  private void spin() {
    long x = 1;
    while (running) {
      for (int i = 0; i < 1_000_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
      sink = x;
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      for (Thread t : threads) t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
