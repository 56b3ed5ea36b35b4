package dev.cowatch.server.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The reference setups' scripts under {@code scripts/} (a Redis with sentinels, a PostgreSQL with a standby), run by
 * the tests that start them on ports nobody else uses.
 */
public final class ReferenceScripts {
  private ReferenceScripts() {}

  /** What a script printed, and how it ended. */
  public record Outcome(int exit, String output) {}

  /** {@code scripts/<name>} of this checkout, from a module's directory (where the tests run). */
  public static Path script(String name) {
    return Path.of("..", "scripts", name).toAbsolutePath().normalize();
  }

  /** Runs a command to its end (at most 30 s), its output and error together. */
  public static Outcome run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  /** {@link #run(List)} with {@code environment} added to this process's. */
  public static Outcome run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process p = builder.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not end within 30 s");
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Runs a command that must succeed; its output. */
  public static String runOrFail(List<String> command) throws IOException, InterruptedException {
    Outcome o = run(command);
    if (o.exit() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + o.output());
    return o.output();
  }

  /** A base port such that it and base + each of {@code offsets} are free on loopback now. */
  public static int freeBase(int... offsets) {
    for (int tries = 0; tries < 50; tries++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      List<Integer> ports = new ArrayList<>(List.of(base));
      for (int o : offsets) ports.add(base + o);
      if (ports.stream().allMatch(ReferenceScripts::free)) return base;
    }
    throw new IllegalStateException("no free ports on loopback for a reference setup");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException taken) {
      return false;
    }
  }
}
