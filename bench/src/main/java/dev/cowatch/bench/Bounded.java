package dev.cowatch.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A benchmark run that ends by itself: past its time bound it is interrupted and its result is
 * the failed one, which prints {@code error} instead of figures.
 */
public final class Bounded {
  private Bounded() {}

  /**
   * Runs {@code work} on a thread of its own for at most {@code bound}; a run that throws or
   * overruns gives {@code failed.apply(why)}, and {@code name: why} is printed.
   */
  public static <T> T run(String name, Duration bound, Duration grace, PrintStream out, Callable<T> work,
      Function<String, T> failed) throws InterruptedException {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = Thread.ofPlatform().name(name + "-bench").start(() -> {
      try {
        result.set(work.call());
      } catch (Exception | Error e) {
        failure.set(e);
      }
    });
    runner.join(bound);
    if (runner.isAlive()) {
      runner.interrupt(); // what the run started is stopped on its way out
      runner.join(grace);
      String why = "did not finish within " + bound.toSeconds() + " s";
      out.println(name + ": " + why);
      return failed.apply(why);
    }
    if (failure.get() != null) {
      out.println(name + ": failed: " + failure.get());
      return failed.apply(failure.get().toString());
    }
    return result.get();
  }
}
