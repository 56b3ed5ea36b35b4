package dev.cowatch.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A browser scenario kept out of the test command for its time and run by {@code bench/run browser-long}: one whose
 * mechanism a shorter test of the command also guards (another player of the same kind, the same fallback with fewer
 * parts), or whose figure is a benchmark's target. The command's browser tests stay within the time a change can be
 * checked in; this tier runs them all, one after another, with the machine to themselves.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(LongScenario.TAG)
public @interface LongScenario {
  /** Excluded from the build's executions (e2e/pom.xml); the `browser-long` profile runs only these. */
  String TAG = "long";
}
