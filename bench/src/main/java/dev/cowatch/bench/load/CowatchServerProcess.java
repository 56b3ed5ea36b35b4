package dev.cowatch.bench.load;

import dev.cowatch.bench.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cowatch started as a user starts it ({@code dev.cowatch.server.cli.Main} with its defaults: embedded
 * database, INFO log) in a JVM of its own on 127.0.0.1, so its CPU time, memory and heap are its
 * own. Its log goes to a file in the run's folder. {@code BENCH_SERVER_JAVA_OPTS} adds JVM options
 * (a flight recording, say).
 */
public final class CowatchServerProcess implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  /**
   * The load generators' thousands of clients all come from 127.0.0.1-8, and the server exempts no address:
   * its per-address limits (connections, rooms and sign-ups) are raised here rather than in the server, so a
   * real deployment behind a same-host proxy is not unprotected by accident.
   */
  public static final List<String> LOOPBACK_CROWD = List.of("--connections-per-address", "1000000",
      "--room-creations-per-address", "1000000", "--signups-per-address", "1000000");
  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

  private final ServerProcess process;
  private final InetSocketAddress address;

  private CowatchServerProcess(ServerProcess process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  static CowatchServerProcess start(Path runDir) throws IOException, InterruptedException {
    return start(runDir, List.of());
  }

  /** Started with {@code options} after the usual ones (e.g. {@code --no-metrics}). */
  public static CowatchServerProcess start(Path runDir, List<String> options) throws IOException, InterruptedException {
    return start(runDir, options, java.util.Map.of());
  }

  /** Started with {@code options} and these environment variables added (a cluster's shared secret, say). */
  public static CowatchServerProcess start(Path runDir, List<String> options, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) command.addAll(Arrays.asList(extra.strip().split("\\s+")));
    command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "dev.cowatch.server.cli.Main",
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", runDir.resolve("data").toString()));
    command.addAll(LOOPBACK_CROWD);
    command.addAll(options);
    java.nio.file.Files.createDirectories(runDir);
    Path log = runDir.resolve("server.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    CowatchServerProcess server = new CowatchServerProcess(new ServerProcess("cowatch", p),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    try {
      server.awaitHealthy(log);
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public InetSocketAddress address() {
    return address;
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + address.getPort());
  }

  public ServerProcess process() {
    return process;
  }

  /**
   * Bytes of live objects on the heap, from a class histogram ({@code jcmd GC.class_histogram}
   * collects first and counts only what survives). The heap's "used" after {@code GC.run} would
   * also count whatever the server allocated between the collection and the question: with
   * fifty thousand clients talking, megabytes.
   */
  public long heapAfterGcBytes() throws IOException, InterruptedException {
    return liveBytes(jcmd("GC.class_histogram"));
  }

  /** The byte count of a class histogram's {@code Total} line. */
  static long liveBytes(String histogram) throws IOException {
    Matcher m = HISTOGRAM_TOTAL.matcher(histogram);
    if (!m.find()) throw new IOException("no Total line in the class histogram");
    return Long.parseLong(m.group(1));
  }

  /** Writes the server's class histogram (live objects) to {@code file}, for finding what a client costs. */
  public void histogram(Path file) throws IOException, InterruptedException {
    java.nio.file.Files.writeString(file, jcmd("GC.class_histogram"));
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p = new ProcessBuilder(jcmd, String.valueOf(process.process().pid()), what).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("jcmd " + what + " failed: " + out.strip());
    return out;
  }

  private void awaitHealthy(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long until = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest health = HttpRequest.newBuilder(base().resolve("/api/health")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < until) {
      if (!process.alive()) {
        throw new IOException("Cowatch exited with " + process.process().exitValue() + "; its log: " + log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new IOException("Cowatch did not answer /api/health within " + READY_TIMEOUT + "; its log: " + log);
  }

  @Override
  public void close() {
    process.close();
  }
}
