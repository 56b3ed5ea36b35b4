package dev.cowatch.server.platform.redis;

import io.lettuce.core.RedisURI;

/**
 * The passwords a Redis deployment asks for: its primary's and replicas' ({@code requirepass}, the same on each, as a
 * replica promoted by the sentinels must accept the nodes), and the sentinels' own when they have one (a sentinel's
 * {@code requirepass} is its own setting, often unset). Either may be absent. Given through the environment
 * ({@code COWATCH_REDIS_PASSWORD}, {@code COWATCH_REDIS_SENTINEL_PASSWORD}) rather than a URL or the command line,
 * which other users of the machine can read; never printed.
 */
public record RedisPasswords(String primary, String sentinels) {
  /** A Redis that asks for none. */
  public static final RedisPasswords NONE = new RedisPasswords(null, null);

  public RedisPasswords {
    if (primary != null && primary.isEmpty()) primary = null;
    if (sentinels != null && sentinels.isEmpty()) sentinels = null;
  }

  /** Sets them on {@code uri}: the primary's for the data connections, the sentinels' on each sentinel's address. */
  void applyTo(RedisURI uri) {
    if (primary != null) uri.setAuthentication(primary.toCharArray());
    if (sentinels != null) uri.getSentinels().forEach(s -> s.setAuthentication(sentinels.toCharArray()));
  }

  /** Whether each is set, never what it is: a configuration is logged and shown in errors. */
  @Override
  public String toString() {
    return "RedisPasswords[primary=" + (primary == null ? "none" : "set") + ", sentinels="
        + (sentinels == null ? "none" : "set") + "]";
  }
}
