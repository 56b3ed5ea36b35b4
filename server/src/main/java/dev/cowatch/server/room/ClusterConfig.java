package dev.cowatch.server.room;

/**
 * How this node shares its rooms with others.
 *
 * @param redisUrl Redis shared by the cluster's nodes (redis://host:port), or null: one node, rooms in
 *     memory
 * @param keyPrefix put before every key, so deployments (or tests) sharing one Redis stay apart
 */
public record ClusterConfig(String redisUrl, String keyPrefix) {
  public static final String DEFAULT_PREFIX = "cowatch:";

  public ClusterConfig {
    if (redisUrl != null && redisUrl.isBlank()) redisUrl = null;
    if (keyPrefix == null || keyPrefix.isBlank()) throw new IllegalArgumentException("a key prefix is required");
  }

  /** One node alone. */
  public static ClusterConfig single() {
    return new ClusterConfig(null, DEFAULT_PREFIX);
  }

  public static ClusterConfig redis(String url) {
    return new ClusterConfig(url, DEFAULT_PREFIX);
  }
}
