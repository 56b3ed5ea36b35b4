package dev.cowatch.server.jdbc;

import java.nio.file.Path;

/**
 * Where the relational data lives. The embedded default is an H2 file under the data directory;
 * production points {@code url} at PostgreSQL.
 *
 * @param poolSize connections HikariCP keeps at most
 * @param connectWaitMs how long opening keeps retrying an unreachable database before giving up
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, long connectWaitMs) {
  /** H2 speaks PostgreSQL's dialect closely enough in this mode that one set of migrations serves both. */
  static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  public DatabaseConfig {
    if (url == null || !url.startsWith("jdbc:")) throw new IllegalArgumentException("database url must start with jdbc:");
    if (poolSize < 1 || poolSize > 200) throw new IllegalArgumentException("database pool size must be 1-200");
    if (connectWaitMs < 1) throw new IllegalArgumentException("database connect wait must be positive");
  }

  /** Waits up to 10 s for the database at start (a container starting beside us). */
  public DatabaseConfig(String url, String user, String password, int poolSize) {
    this(url, user, password, poolSize, 10_000);
  }

  /**
   * The embedded default: {@code <dataDir>/cowatch.mv.db}. H2 writes each commit to the file before
   * it returns ({@code WRITE_DELAY=0}): by default it wrote committed changes up to half a second
   * later (in practice, on a file used before, not for 20 s), so a {@code kill -9} lost answered
   * writes. With it, a killed process loses nothing it acknowledged (CrashSafetyTest); an operating
   * system crash or power cut can still lose what the kernel had not flushed (H2 does not fsync each
   * commit: PostgreSQL is the store for that promise).
   */
  public static DatabaseConfig embedded(Path dataDir) {
    // H2 would close the database from its own shutdown hook, before ours saves the rooms' timelines.
    return new DatabaseConfig("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("cowatch") + H2_OPTIONS
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "", 8);
  }

  /** A private in-memory H2 database that lives until its pool closes (tests, benchmarks). */
  public static DatabaseConfig inMemory(String name) {
    return new DatabaseConfig("jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The URL without credentials or options, for logs. */
  public String describe() {
    int cut = url.indexOf(isPostgres() ? '?' : ';');
    return cut < 0 ? url : url.substring(0, cut);
  }
}
