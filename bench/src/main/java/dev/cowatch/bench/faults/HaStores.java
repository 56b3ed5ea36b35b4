package dev.cowatch.bench.faults;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference highly available stores of a fault run, made by the project's own scripts: Redis with a replica and
 * three sentinels ({@code scripts/redis-ha.sh}) and PostgreSQL with a synchronous standby ({@code
 * scripts/pg-standby.sh}). Each listens on an address of its own, so a node's path to one can be cut while its path
 * to the other stays (two addresses of the loopback interface, which nodes in network namespaces reach through their
 * default route). {@link #close} stops both and removes the addresses.
 */
final class HaStores implements AutoCloseable {
  private static final String IP = "/usr/sbin/ip";
  static final Path REDIS_HA = dev.cowatch.bench.RepoFile.of("scripts", "redis-ha.sh");
  static final Path PG_STANDBY = dev.cowatch.bench.RepoFile.of("scripts", "pg-standby.sh");

  private int addressesAdded;
  private final String redisHost;
  private final String pgHost;
  private final Path redisDir;
  private final Path pgDir;
  private final int redisPort;
  private final int pgPort;

  private HaStores(int subnet, Path dir, int redisPort, int pgPort) {
    this.redisHost = "10.232." + subnet + ".1";
    this.pgHost = "10.232." + subnet + ".2";
    this.redisDir = dir.resolve("redis");
    this.pgDir = dir.resolve("pg");
    this.redisPort = redisPort;
    this.pgPort = pgPort;
  }

  /** Both stores started and replicating; {@code redisPort} takes the 13 ports above it, {@code pgPort} one. */
  static HaStores start(Path dir, int redisPort, int pgPort) throws IOException {
    SecureRandom random = new SecureRandom();
    int subnet = random.nextInt(256);
    HaStores stores = new HaStores(subnet, dir, redisPort, pgPort);
    try {
      run(IP, "addr", "add", stores.redisHost + "/32", "dev", "lo");
      stores.addressesAdded = 1;
      run(IP, "addr", "add", stores.pgHost + "/32", "dev", "lo");
      stores.addressesAdded = 2;
      script(Map.of("REDIS_HA_HOST", stores.redisHost), REDIS_HA, "start", stores.redisDir.toString(),
          String.valueOf(redisPort));
      script(Map.of("PG_STANDBY_HOST", stores.pgHost), PG_STANDBY, "start", stores.pgDir.toString(),
          String.valueOf(pgPort));
      return stores;
    } catch (IOException | RuntimeException e) {
      stores.close();
      throw e;
    }
  }

  String redisHost() {
    return redisHost;
  }

  String pgHost() {
    return pgHost;
  }

  /** What a node is told to find Redis and PostgreSQL by. */
  List<String> nodeOptions() {
    String sentinels = redisHost + ":" + (redisPort + 10) + "," + redisHost + ":" + (redisPort + 11) + ","
        + redisHost + ":" + (redisPort + 12);
    String db = "jdbc:postgresql://" + pgHost + ":" + pgPort + "," + pgHost + ":" + (pgPort + 1)
        + "/postgres?targetServerType=primary&socketTimeout=10&connectTimeout=3";
    return List.of("--redis-sentinel", sentinels, "--redis-master", "cowatch", "--db-url", db, "--db-user", "postgres");
  }

  /** SIGKILL to the Redis primary the sentinels name; they promote its replica by themselves. */
  void killRedisPrimary() throws IOException {
    redis("kill-primary");
  }

  /** The port of the Redis primary as the sentinels name it. */
  int redisPrimaryPort() throws IOException {
    return Integer.parseInt(redis("primary").strip());
  }

  /** Whether every sentinel knows a replica that is up and in sync, so a primary killed now would be replaced. */
  boolean redisReady() {
    try {
      redis("ready");
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** The killed Redis instance started again, as a replica of the primary the sentinels name now. */
  void restartRedis() throws IOException {
    redis("restart");
  }

  /**
   * How many times the sentinels failed the primary over so far, as the first sentinel logged it: one per kill of the
   * primary, and any more is a failover nobody caused (sentinels judging a live primary down: two primaries at once).
   */
  int redisFailovers() throws IOException {
    try (var lines = Files.lines(redisDir.resolve("sentinel-" + (redisPort + 10) + ".log"))) {
      return (int) lines.filter(l -> l.contains("+switch-master")).count();
    }
  }

  void killPgPrimary() throws IOException {
    pg("kill-primary");
  }

  void promotePgStandby() throws IOException {
    pg("promote");
  }

  /** A new synchronous standby where the killed primary was. */
  void rebuildPgStandby() throws IOException {
    pg("rebuild");
  }

  private String redis(String command) throws IOException {
    return script(Map.of("REDIS_HA_HOST", redisHost), REDIS_HA, command, redisDir.toString());
  }

  private String pg(String command) throws IOException {
    return script(Map.of("PG_STANDBY_HOST", pgHost), PG_STANDBY, command, pgDir.toString());
  }

  private static String script(Map<String, String> env, Path script, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    return output(command, env);
  }

  private static void run(String... command) throws IOException {
    output(List.of(command), Map.of());
  }

  private static String output(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    return out;
  }

  @Override
  public void close() {
    for (Runnable stop : List.<Runnable>of(
        () -> quietly(() -> redis("stop")), () -> quietly(() -> pg("stop")), () -> quietly(() -> {
          if (addressesAdded > 0) run(IP, "addr", "del", redisHost + "/32", "dev", "lo");
          if (addressesAdded > 1) run(IP, "addr", "del", pgHost + "/32", "dev", "lo");
          return "";
        }))) {
      stop.run();
    }
  }

  private interface Step {
    String run() throws IOException;
  }

  private static void quietly(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      System.err.println("faults: " + e.getMessage());
    }
  }
}
