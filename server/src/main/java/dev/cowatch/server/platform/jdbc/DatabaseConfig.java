package dev.cowatch.server.platform.jdbc;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the relational data lives. The embedded default is an SQLite file under the data directory;
 * production points {@code url} at PostgreSQL.
 *
 * @param poolSize connections HikariCP keeps at most
 * @param connectWaitMs how long opening keeps retrying an unreachable database before giving up
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, long connectWaitMs) {
  /** The embedded store's file in the data directory. */
  public static final String EMBEDDED_FILE = "cowatch.db";

  public DatabaseConfig {
    if (url == null || !url.startsWith("jdbc:")) throw new IllegalArgumentException("database url must start with jdbc:");
    Dialect.of(url);
    if (poolSize < 1 || poolSize > 200) throw new IllegalArgumentException("database pool size must be 1-200");
    if (connectWaitMs < 1) throw new IllegalArgumentException("database connect wait must be positive");
  }

  /** Waits up to 10 s for the database at start (a container starting beside us). */
  public DatabaseConfig(String url, String user, String password, int poolSize) {
    this(url, user, password, poolSize, 10_000);
  }

  /**
   * The embedded default: {@code <dataDir>/cowatch.db}, SQLite in write-ahead-log mode. A commit is
   * in the log before it returns, so a killed process loses nothing it acknowledged
   * (CrashSafetyTest); the log is synced to disk at each commit as well ({@link Database}), so an
   * operating system crash or power cut does not lose it either. H2, the embedded store before,
   * lost acknowledged commits after {@code kill -9} even when told to write each commit at once;
   * an old data directory is copied over at the first start (LegacyH2Import).
   */
  public static DatabaseConfig embedded(Path dataDir) {
    return new DatabaseConfig("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve(EMBEDDED_FILE), "", "", 8);
  }

  /** The H2 file an older Cowatch kept in {@code dataDir}, opened only to copy it over. */
  static DatabaseConfig legacyH2(Path dataDir) {
    return new DatabaseConfig("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("cowatch")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE", "sa", "", 2);
  }

  public Dialect dialect() {
    return Dialect.of(url);
  }

  /** The data directory of an embedded SQLite store; empty for a database elsewhere. */
  public Optional<Path> embeddedDirectory() {
    if (dialect() != Dialect.SQLITE) return Optional.empty();
    Path file = Path.of(url.substring("jdbc:sqlite:".length()));
    return Optional.ofNullable(file.toAbsolutePath().getParent());
  }

  /** The URL without credentials or options, for logs. */
  public String describe() {
    int cut = url.indexOf(switch (dialect()) {
      case POSTGRESQL, SQLITE -> '?';
      case H2 -> ';';
    });
    return cut < 0 ? url : url.substring(0, cut);
  }
}
