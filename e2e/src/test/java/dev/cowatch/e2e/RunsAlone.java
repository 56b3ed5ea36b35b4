package dev.cowatch.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A browser test class whose bounds are a viewer's (how far apart players are, in milliseconds) and so
 * need the machine without another browser test beside it: {@link MachineShare} runs it while the other
 * test JVM waits between its classes. Everything else shares the machine.
 *
 * <p>Why: the other browser tests run in several JVMs on two cores. On a machine of this kind at half the speed of
 * the one the bounds were set on (2026-11-27: the same clean-room run took 34 minutes instead of 17), two
 * rooms of three playing pages kept the CPU busy 90% of the time, and five sync bounds failed in one run
 * (mpv 433 ms from the page, the Java peer 81 ms, a P2P receiver that could not buffer). What a viewer's
 * bound means is one player against another on a machine that can play them; bench/run measures them
 * beside load on purpose.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {
  /**
   * The build runs the classes with this tag in an execution of their own, one JVM, after the others (several
   * JVMs, e2e/pom.xml): interleaved, each lone class left the other JVM idle while it waited for the machine.
   */
  String TAG = "alone";
}
