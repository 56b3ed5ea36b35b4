package dev.cowatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cowatch in a JVM of its own ({@link MediaServerMain}), on the JDK and classpath of this one, with
 * the launcher's JVM defaults. {@code BENCH_SERVER_JAVA_OPTS} adds options to it, e.g. a flight
 * recording: {@code BENCH_SERVER_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/media.jfr}.
 */
final class CowatchProcess {
  /** Starting, migrating the database and importing 1 GiB (copy + SHA-256) take seconds; this is plenty. */
  static final long READY_TIMEOUT_SECONDS = 120;

  private CowatchProcess() {}

  static Started start(Path dataDir, Path file) throws IOException, InterruptedException {
    return start("cowatch", dataDir, file, null);
  }

  /** With {@code accelPrefix} non-null, Cowatch answers streams with X-Accel-Redirect to it (nginx sends the bytes). */
  static Started start(String name, Path dataDir, Path file, String accelPrefix) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) command.addAll(Arrays.asList(extra.strip().split("\\s+")));
    // As ./cowatch: SQLite (the embedded store) loads its native library.
    command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-DCOWATCH_LOG_LEVEL=WARN", "-cp", System.getProperty("java.class.path"),
        MediaServerMain.class.getName(), dataDir.toAbsolutePath().toString(), file.toAbsolutePath().toString()));
    if (accelPrefix != null) command.add(accelPrefix);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    ServerProcess server = new ServerProcess(name, p);
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("cowatch-stdout").start(() -> {
      try {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith(MediaServerMain.READY) && !ready.isDone()) ready.complete(line);
          else System.err.println(name + ": " + line);
        }
        ready.completeExceptionally(new IOException("the Cowatch process ended before it was ready"));
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
    });
    try {
      return new Started(server, target(ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      server.close();
      throw new IOException("Cowatch did not get ready: " + (e.getCause() != null ? e.getCause() : e), e);
    } catch (InterruptedException e) {
      server.close();
      throw e;
    }
  }

  /** Reads {@code ready port=<p> path=<path>}. */
  static RangeLoad.Target target(String readyLine) {
    String[] parts = readyLine.substring(MediaServerMain.READY.length()).split(" ");
    if (parts.length != 2 || !parts[0].startsWith("port=") || !parts[1].startsWith("path=")) {
      throw new IllegalArgumentException("not a ready line: " + readyLine);
    }
    return new RangeLoad.Target("127.0.0.1", Integer.parseInt(parts[0].substring(5)), parts[1].substring(5));
  }
}
