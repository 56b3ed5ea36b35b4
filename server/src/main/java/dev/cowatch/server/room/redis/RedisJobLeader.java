package dev.cowatch.server.room.redis;

import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.live.JobLeader;
import java.time.Duration;

/**
 * Job leases in Redis: the first node to ask for a job takes it for {@link #LEASE}, and keeps it as
 * long as it asks again before then (every run of the job does); when it stops (killed, or Redis
 * away from it), another node's next ask takes it over.
 */
final class RedisJobLeader implements JobLeader {
  /** Several runs of a job that runs every couple of seconds: one late run does not hand it over. */
  static final Duration LEASE = Duration.ofSeconds(10);
  private static final String TAKE_OR_RENEW = """
      local holder = redis.call('GET', KEYS[1])
      if holder == false then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
      end
      if holder == ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
      end
      return 0""";

  private final Redis redis;
  private final String nodeId;
  private final Duration lease;

  RedisJobLeader(Redis redis, String nodeId) {
    this(redis, nodeId, LEASE);
  }

  RedisJobLeader(Redis redis, String nodeId, Duration lease) {
    this.redis = redis;
    this.nodeId = nodeId;
    this.lease = lease;
  }

  @Override
  public boolean leads(String job) {
    return redis.script(TAKE_OR_RENEW, new String[] {redis.key("job:" + job)}, nodeId,
        Long.toString(lease.toMillis())) == 1;
  }
}
