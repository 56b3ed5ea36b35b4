package dev.cowatch.server.room.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The reference Redis with Sentinel of {@code scripts/redis-ha.sh} (a primary, a replica, three sentinels), started
 * for a test in a directory of its own on ports nobody else uses, and stopped at close.
 */
final class RedisWithSentinels implements AutoCloseable {
  private static final Path SCRIPT = Path.of("..", "scripts", "redis-ha.sh").toAbsolutePath().normalize();
  private final Path dir;
  private final int port;

  private RedisWithSentinels(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static RedisWithSentinels start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("cowatch-redis-ha");
    for (int attempt = 0; ; attempt++) {
      int port = freeBase();
      var started = run(List.of(SCRIPT.toString(), "start", dir.toString(), Integer.toString(port)));
      if (started.exit() == 0) return new RedisWithSentinels(dir, port);
      run(List.of(SCRIPT.toString(), "stop", dir.toString()));
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
    run(List.of("kill", "-9", pid));
  }

  /** The port of the primary the sentinels name now. */
  int primaryNow() throws IOException, InterruptedException {
    var answer = run(List.of("redis-cli", "-p", Integer.toString(port + 10), "sentinel", "get-master-addr-by-name",
        "cowatch"));
    String[] lines = answer.output().strip().split("\n");
    return Integer.parseInt(lines[lines.length - 1].strip());
  }

  @Override
  public void close() throws IOException {
    try {
      run(List.of(SCRIPT.toString(), "stop", dir.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the Redis in " + dir, e);
    }
  }

  /** A base port whose primary, replica and sentinel ports are all free now. */
  private static int freeBase() throws IOException {
    for (int tries = 0; tries < 50; tries++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (free(base) && free(base + 1) && free(base + 10) && free(base + 11) && free(base + 12)) return base;
    }
    throw new IllegalStateException("no free ports for a Redis with sentinels");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException taken) {
      return false;
    }
  }

  private record Outcome(int exit, String output) {}

  private static Outcome run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not end within 30 s");
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
