package dev.cowatch.server.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own (initdb into a temp directory, its own port, its socket in that
 * directory), so a test may crash and restart it without touching the shared server on 5432 that
 * other tests use. Runs the binaries as the {@code postgres} OS user (PostgreSQL refuses root). Fails,
 * never skips, when PostgreSQL's binaries are missing. Use with try-with-resources.
 */
public final class PrivatePostgres implements AutoCloseable {
  private static final Path BIN = findBin();
  private final Path dir;
  private final int port;

  private PrivatePostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** A new cluster, initialised and started. */
  public static PrivatePostgres start() {
    try {
      Path dir = Files.createTempDirectory("cowatch-pg");
      run("chown", "postgres", dir.toString());
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      PrivatePostgres pg = new PrivatePostgres(dir, port);
      pg.asPostgres(BIN.resolve("initdb").toString(), "-D", pg.data(), "-A", "trust", "-U", "postgres",
          "--no-sync", "-E", "UTF8");
      pg.startAgain();
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the stopped cluster and waits until it accepts connections. */
  public void startAgain() {
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("log").toString(), "-w", "-t", "20",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
  }

  /** Stops like a crash: every backend killed, no checkpoint; open connections break at once. */
  public void crash() {
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
  }

  @Override
  public void close() {
    try {
      asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
    } catch (RuntimeException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void asPostgres(String... command) {
    List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(List.of(command));
    run(full.toArray(String[]::new));
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path findBin() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql: scripts/install-tools.sh pg_ctlcluster (the postgresql package)"));
    } catch (IOException e) {
      throw new IllegalStateException("PostgreSQL's binaries are missing (/usr/lib/postgresql/*/bin)", e);
    }
  }
}
