package dev.cowatch.release;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Runs the release's commands as a user would, and asks servers over HTTP. */
final class Commands {
  private Commands() {}

  static final Path RELEASE = Path.of(System.getProperty("cowatch.release.dir"));
  static final String VERSION = System.getProperty("cowatch.version");
  static final Path SCRATCH = Path.of(System.getProperty("cowatch.release.scratch"));

  record Result(int exit, String out) {}

  /** Runs to the end (stdout and stderr together) or fails the test after the timeout. */
  static Result run(List<String> command, Map<String, String> env, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(SCRATCH);
    Path log = Files.createTempFile(SCRATCH, "run", ".log");
    Process p = start(command, env, dir, log);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " still running after " + timeout + ":\n"
          + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Starts with exactly {@code env} (nothing inherited: no JAVA_HOME, no PATH but the one given), output in log. */
  static Process start(List<String> command, Map<String, String> env, Path dir, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    return pb.start();
  }

  /** Runs with the environment of the build (podman, tar). */
  static Result host(String... command) throws IOException, InterruptedException {
    return run(List.of(command), null, SCRATCH, Duration.ofMinutes(5));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The answer, or null while nothing answers. */
  static HttpResponse<String> get(String url) throws InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException notYet) {
      return null;
    }
  }

  /** Polls until {@code url} answers 200; fails, with {@code log}, when the deadline passes or the server has ended. */
  static HttpResponse<String> awaitOk(String url, Duration deadline, BooleanSupplier running, Supplier<String> log)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      HttpResponse<String> r = get(url);
      if (r != null && r.statusCode() == 200) return r;
      if (!running.getAsBoolean()) throw new AssertionError("ended before " + url + " answered:\n" + log.get());
      Thread.sleep(250);
    }
    throw new AssertionError(url + " did not answer 200 within " + deadline + ":\n" + log.get());
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e + ")";
    }
  }
}
