package dev.cowatch.server;

import static org.awaitility.Awaitility.await;

import dev.cowatch.core.Tolerances;
import dev.cowatch.server.platform.Limits;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** Shortened timeouts so that tests can watch them elapse in about a second. */
public final class Timings {
  private Timings() {}

  /** Awaitility polling every 10 ms from the start (its default waits 100 ms before the first look). */
  public static ConditionFactory within(Duration atMost) {
    return await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
  }

  /**
   * The defaults with these timeouts; heartbeats (client pings) go out three times per dead time
   * so that well-behaved clients stay alive.
   */
  public static Tolerances tolerances(long bufferWaitTimeoutMs, long reconnectGraceMs, long deadConnectionMs) {
    Tolerances d = Tolerances.DEFAULTS;
    long heartbeat = Math.min(d.clockPeriodMs(), deadConnectionMs / 3);
    return d.withTimings(bufferWaitTimeoutMs, reconnectGraceMs, heartbeat, deadConnectionMs, heartbeat);
  }

  public static Limits helloTimeout(long helloTimeoutMs) {
    Limits l = Limits.DEFAULTS;
    return new Limits(l.maxFrameBytes(), l.intentsPerSecond(), l.intentBurst(), l.messagesPerSecond(), l.floodBurst(),
        l.outboxCapacity(), l.sendTimeoutMs(), helloTimeoutMs, l.maxRooms());
  }
}
