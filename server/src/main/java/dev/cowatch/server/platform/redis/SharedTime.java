package dev.cowatch.server.platform.redis;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's clock set to Redis's ({@code TIME}), so that every node of a cluster anchors timelines on
 * one time base. A timeline says "playing from 12:31.000 at server time T": a member whose node runs
 * 20 ms ahead of the deciding node's would play 20 ms off, for as long as the room plays. NTP keeps
 * machines within a few ms at best, tens of ms at worst; this takes the nodes' own offsets out.
 *
 * <p>The offset is measured as an NTP client does: the local time halfway between asking and hearing,
 * against Redis's answer; of several samples the one with the shortest round trip is kept, and it is
 * measured again every {@link #RESAMPLE_SECONDS}.
 */
public final class SharedTime extends Clock {
  private static final Logger log = LoggerFactory.getLogger(SharedTime.class);
  static final int SAMPLES = 8;
  static final long RESAMPLE_SECONDS = 30;

  private final Clock local;
  private final Redis redis;
  private volatile long offsetMs;

  private SharedTime(Clock local, Redis redis) {
    this.local = local;
    this.redis = redis;
  }

  /**
   * {@code local} corrected to Redis's time: measured now, before anything is anchored, and again every
   * {@link #RESAMPLE_SECONDS} on {@code timers}.
   */
  public static SharedTime follow(Redis redis, Clock local, ScheduledExecutorService timers) {
    SharedTime time = new SharedTime(local, redis);
    time.measure();
    log.info("node clock offset to the cluster's (Redis TIME): {} ms", time.offsetMs);
    timers.scheduleWithFixedDelay(time::measureSafely, RESAMPLE_SECONDS, RESAMPLE_SECONDS, TimeUnit.SECONDS);
    return time;
  }

  /** How far this node's clock is behind the cluster's (negative: ahead). */
  public long offsetMs() {
    return offsetMs;
  }

  private void measureSafely() {
    try {
      measure();
    } catch (RuntimeException e) {
      // Redis away: the last offset stands (clocks drift by well under a ms a minute).
      log.warn("could not measure the node clock's offset: {}", e.getMessage());
    }
  }

  private void measure() {
    long bestRtt = Long.MAX_VALUE;
    long best = offsetMs;
    for (int i = 0; i < SAMPLES; i++) {
      long t0 = local.millis();
      List<String> time = Redis.call(() -> redis.sync().time());
      long t3 = local.millis();
      long redisMs = Long.parseLong(time.get(0)) * 1_000 + Long.parseLong(time.get(1)) / 1_000;
      long rtt = t3 - t0;
      if (rtt < bestRtt) {
        bestRtt = rtt;
        best = redisMs - (t0 + t3) / 2;
      }
    }
    offsetMs = best;
  }

  @Override
  public long millis() {
    return local.millis() + offsetMs;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return local.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the cluster's time has no zone of its own");
  }
}
