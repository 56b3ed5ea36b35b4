package dev.cowatch.server.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference PostgreSQL with a standby of {@code scripts/pg-standby.sh} (a primary and a streaming standby made from
 * it with pg_basebackup), started for a test in a directory of its own on ports nobody else uses, and stopped at close.
 */
final class PostgresWithStandby implements AutoCloseable {
  private static final Path SCRIPT = ReferenceScripts.script("pg-standby.sh");
  private final Path dir;
  private final int port;

  private PostgresWithStandby(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** {@code synchronous}: the primary acknowledges a commit once the standby has it (the reference choice). */
  static PostgresWithStandby start(boolean synchronous) throws IOException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      Path dir = Files.createTempDirectory("cowatch-pg-standby");
      int port = ReferenceScripts.freeBase(1);
      var started = ReferenceScripts.run(List.of(SCRIPT.toString(), synchronous ? "start" : "start-async",
          dir.toString(), Integer.toString(port)));
      if (started.exit() == 0) return new PostgresWithStandby(dir, port);
      ReferenceScripts.run(List.of(SCRIPT.toString(), "stop", dir.toString()));
      if (attempt == 2) throw new IllegalStateException("scripts/pg-standby.sh did not start: " + started.output());
    }
  }

  /**
   * What a node is given, as docs/operations.md gives it: both servers, the driver asked for whichever is the primary,
   * and a bound on an answer (a commit waits for a stopped standby without end).
   */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + ",127.0.0.1:" + (port + 1)
        + "/postgres?targetServerType=primary&socketTimeout=10";
  }

  /** The standby alone, to read what it has. */
  String standbyUrl() {
    return "jdbc:postgresql://127.0.0.1:" + (port + 1) + "/postgres";
  }

  /** The primary and its backends die at once (SIGKILL), as when its machine does. */
  void killPrimary() throws IOException, InterruptedException {
    ReferenceScripts.runOrFail(List.of(SCRIPT.toString(), "kill-primary", dir.toString()));
  }

  /** The standby becomes the primary, as the operator's failover tool makes it. */
  void promoteStandby() throws IOException, InterruptedException {
    ReferenceScripts.runOrFail(List.of(SCRIPT.toString(), "promote", dir.toString()));
  }

  @Override
  public void close() throws IOException {
    try {
      ReferenceScripts.run(List.of(SCRIPT.toString(), "stop", dir.toString()));
      ReferenceScripts.run(List.of("rm", "-rf", dir.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the PostgreSQL in " + dir, e);
    }
  }
}
