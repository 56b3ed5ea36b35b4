package dev.cowatch.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server ({@code dev.cowatch.server.cli.Main}) in a JVM of its own on this test's classpath, its
 * whole output in a log file, so that it can be stopped as an operator's machine stops it: {@link #kill}
 * sends SIGKILL (no shutdown hook runs, nothing is flushed), {@link #terminate} SIGTERM.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI base;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.base = URI.create("http://127.0.0.1:" + port);
    this.log = log;
  }

  /** A port free on loopback now, for a server to listen on. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts the server on {@code port} with {@code args} (data directory, database) and waits for its health. */
  public static ServerProcess start(int port, Path log, List<String> args) throws IOException, InterruptedException {
    return start(port, log, args, Map.of());
  }

  /** As {@link #start(int, Path, List)}, with these environment variables set for the server. */
  public static ServerProcess start(int port, Path log, List<String> args, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A quick start matters more here than peak speed: 60 starts per run.
        "-XX:TieredStopAtLevel=1", "-Xmx256m", "-DCOWATCH_LOG_LEVEL=INFO",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.cowatch.server.cli.Main",
        "--host", "127.0.0.1", "--port", String.valueOf(port)));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process p = builder.start();
    ServerProcess server = new ServerProcess(p, port, log);
    try {
      server.awaitHealthy(log);
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.kill();
      throw e;
    }
    return server;
  }

  public URI base() {
    return base;
  }

  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  /** The server's whole output so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * SIGTERM, as an operator's service manager stops it, then waits up to {@code bound} for the process
   * to exit; returns its exit code.
   */
  public int terminate(Duration bound) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + bound + " of SIGTERM; see " + log);
    }
    return process.exitValue();
  }

  private void awaitHealthy(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IOException("the server exited with " + process.exitValue() + "; see " + log);
      try {
        var r = http.send(HttpRequest.newBuilder(base.resolve("/api/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    throw new IOException("the server did not answer /api/health within " + READY_TIMEOUT + "; see " + log);
  }

  /** SIGKILL, and waits until the process is gone (its port and database file free). */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the server did not die");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the server", e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) kill();
  }
}
