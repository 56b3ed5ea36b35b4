package dev.cowatch.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a fuzz target's executions and, when the JVM ends (libFuzzer may end it itself), writes
 * the count to {@code <cowatch.fuzz.stats>/<target>}: bench/run fuzz sums those files. One fuzz
 * target per JVM (Jazzer's rule), so one counter is enough.
 */
public final class FuzzRuns {
  private static final AtomicLong RUNS = new AtomicLong();
  private static volatile String target;

  private FuzzRuns() {}

  /** Call first thing in every @FuzzTest method. */
  public static void count(Class<?> fuzzTest) {
    if (target == null) start(fuzzTest.getName());
    RUNS.incrementAndGet();
  }

  private static synchronized void start(String name) {
    if (target != null) return;
    target = name;
    String dir = System.getProperty("cowatch.fuzz.stats");
    if (dir == null) return;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, name), Long.toString(RUNS.get()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.err.println("fuzz: " + name + " execs=" + RUNS.get());
    }));
  }
}
