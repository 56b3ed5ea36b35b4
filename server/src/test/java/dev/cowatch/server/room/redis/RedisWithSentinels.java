package dev.cowatch.server.room.redis;

import dev.cowatch.server.faults.ReferenceScripts;
import dev.cowatch.server.platform.redis.RedisPasswords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference Redis with Sentinel of {@code scripts/redis-ha.sh} (a primary, a replica, three sentinels), started
 * for a test in a directory of its own on ports nobody else uses, and stopped at close.
 */
final class RedisWithSentinels implements AutoCloseable {
  private static final Path SCRIPT = ReferenceScripts.script("redis-ha.sh");
  private final Path dir;
  private final int port;
  /** redis-cli's password for the sentinels, as the script's. */
  private final Map<String, String> sentinelAuth;

  private RedisWithSentinels(Path dir, int port, Map<String, String> sentinelAuth) {
    this.dir = dir;
    this.port = port;
    this.sentinelAuth = sentinelAuth;
  }

  static RedisWithSentinels start() throws IOException, InterruptedException {
    return start(RedisPasswords.NONE);
  }

  /** With {@code passwords}: the primary's and replica's, the sentinels' own (either may be absent). */
  static RedisWithSentinels start(RedisPasswords passwords) throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>();
    if (passwords.primary() != null) env.put("REDIS_HA_PASSWORD", passwords.primary());
    if (passwords.sentinels() != null) env.put("REDIS_HA_SENTINEL_PASSWORD", passwords.sentinels());
    Map<String, String> sentinelAuth = passwords.sentinels() == null ? Map.of()
        : Map.of("REDISCLI_AUTH", passwords.sentinels());
    Path dir = Files.createTempDirectory("cowatch-redis-ha");
    for (int attempt = 0; ; attempt++) {
      int port = ReferenceScripts.freeBase(1, 10, 11, 12);
      var started = ReferenceScripts.run(List.of(SCRIPT.toString(), "start", dir.toString(), Integer.toString(port)),
          env);
      if (started.exit() == 0) return new RedisWithSentinels(dir, port, sentinelAuth);
      ReferenceScripts.run(List.of(SCRIPT.toString(), "stop", dir.toString()));
      if (attempt == 2) throw new IllegalStateException("scripts/redis-ha.sh did not start: " + started.output());
    }
  }

  /** What the nodes are given: the three sentinels and the master name. */
  String sentinels() {
    return "127.0.0.1:" + (port + 10) + ",127.0.0.1:" + (port + 11) + ",127.0.0.1:" + (port + 12);
  }

  int replicaPort() {
    return port + 1;
  }

  /** The primary dies at once (SIGKILL), as when its machine does. */
  void killPrimary() throws IOException, InterruptedException {
    String pid = Files.readString(dir.resolve("redis-" + port + ".pid"), StandardCharsets.US_ASCII).strip();
    ReferenceScripts.run(List.of("kill", "-9", pid));
  }

  /** The replica stops (SIGSTOP): its connection to the primary stays up, and it confirms nothing. */
  void stopReplica() throws IOException, InterruptedException {
    ReferenceScripts.run(List.of("kill", "-STOP", replicaPid()));
  }

  /** The stopped replica runs again (SIGCONT). */
  void continueReplica() throws IOException, InterruptedException {
    ReferenceScripts.run(List.of("kill", "-CONT", replicaPid()));
  }

  private String replicaPid() throws IOException {
    return Files.readString(dir.resolve("redis-" + (port + 1) + ".pid"), StandardCharsets.US_ASCII).strip();
  }

  /** The port of the primary the sentinels name now. */
  int primaryNow() throws IOException, InterruptedException {
    var answer = ReferenceScripts.run(List.of("redis-cli", "--no-auth-warning", "-p", Integer.toString(port + 10),
        "sentinel", "get-master-addr-by-name", "cowatch"), sentinelAuth);
    String[] lines = answer.output().strip().split("\n");
    return Integer.parseInt(lines[lines.length - 1].strip());
  }

  @Override
  public void close() throws IOException {
    try {
      ReferenceScripts.run(List.of(SCRIPT.toString(), "stop", dir.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the Redis in " + dir, e);
    }
  }
}
