package dev.cowatch.server.room.live;

import dev.cowatch.server.platform.redis.RedisPasswords;

/**
 * How this node shares its rooms with others.
 *
 * @param redisUrl Redis shared by the cluster's nodes (redis://host:port), or null: one node, rooms in
 *     memory
 * @param keyPrefix put before every key, so deployments (or tests) sharing one Redis stay apart
 * @param role what this node serves
 * @param redisPasswords what that Redis asks for (never printed)
 */
public record ClusterConfig(String redisUrl, String keyPrefix, Role role, RedisPasswords redisPasswords) {
  public static final String DEFAULT_PREFIX = "cowatch:";

  /** What a node serves, so that an operator can scale the socket tier on its own. */
  public enum Role {
    /** Everything: one process does it all (the default). */
    ALL,
    /** The REST API, the web app's pages and uploads, and the background jobs; no room sockets. */
    API,
    /** Room sockets (and health) only. */
    SYNC;

    public boolean servesSockets() {
      return this != API;
    }

    public boolean servesApi() {
      return this != SYNC;
    }
  }

  public ClusterConfig {
    if (redisUrl != null && redisUrl.isBlank()) redisUrl = null;
    if (keyPrefix == null || keyPrefix.isBlank()) throw new IllegalArgumentException("a key prefix is required");
    if (role == null) role = Role.ALL;
    if (redisPasswords == null) redisPasswords = RedisPasswords.NONE;
    if (role != Role.ALL && redisUrl == null) {
      throw new IllegalArgumentException("--role " + role.name().toLowerCase(java.util.Locale.ROOT)
          + " needs --redis-url or --redis-sentinel: api and sync nodes hear each other's room changes through Redis");
    }
  }

  public ClusterConfig(String redisUrl, String keyPrefix, Role role) {
    this(redisUrl, keyPrefix, role, RedisPasswords.NONE);
  }

  public ClusterConfig(String redisUrl, String keyPrefix) {
    this(redisUrl, keyPrefix, Role.ALL);
  }

  /** One node alone. */
  public static ClusterConfig single() {
    return new ClusterConfig(null, DEFAULT_PREFIX);
  }
}
