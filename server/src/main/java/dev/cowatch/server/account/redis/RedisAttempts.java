package dev.cowatch.server.account.redis;

import dev.cowatch.server.account.Attempts;
import dev.cowatch.server.platform.redis.Redis;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attempt counters shared by the nodes of a cluster: per key a sorted set of the events' times (the
 * injected clock's), trimmed to the window and to the limit by a Lua script, and expiring with the
 * window. So a guesser spreading sign-ins over the nodes gets no more tries than on one.
 */
public final class RedisAttempts implements Attempts {
  private static final String RECORD = """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
      redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
      redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[4]))
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1""";
  /** -1 when under the limit, else the milliseconds until the oldest event leaves the window. */
  private static final String BLOCKED_FOR = """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
      if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then return -1 end
      local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      return tonumber(oldest[2]) + ARGV[2] - ARGV[1]""";

  private final Redis redis;
  private final String name;
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final String nodeId;
  /** Makes each event a member of its own, even two in one millisecond. */
  private final AtomicLong events = new AtomicLong();

  private RedisAttempts(Redis redis, String name, int limit, Duration window, Clock clock, String nodeId) {
    this.redis = redis;
    this.name = name;
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.nodeId = nodeId;
  }

  /** Counters under {@code redis}'s prefix; {@code nodeId} tells this node's events from others'. */
  public static Attempts.Factory factory(Redis redis, Clock clock, String nodeId) {
    return (name, limit, window) -> new RedisAttempts(redis, name, limit, window, clock, nodeId);
  }

  @Override
  public Optional<Duration> blockedFor(String key) {
    long ms = redis.script(BLOCKED_FOR, new String[] {key(key)}, Long.toString(clock.millis()),
        Long.toString(window.toMillis()), Integer.toString(limit));
    return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
  }

  @Override
  public void record(String key) {
    redis.script(RECORD, new String[] {key(key)}, Long.toString(clock.millis()), Long.toString(window.toMillis()),
        nodeId + ":" + events.incrementAndGet(), Integer.toString(limit));
  }

  @Override
  public void clear(String key) {
    Redis.call(() -> redis.sync().del(key(key)));
  }

  private String key(String key) {
    return redis.key("attempts:" + name + ":" + key);
  }
}
