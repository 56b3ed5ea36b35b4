package dev.cowatch.server.platform.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema: opening a {@code Database} migrates it to the newest version
 * (Flyway, {@code db/migration}), so every repository sees the schema it was written for; a database
 * already newer than this build is refused unchanged ({@link NewerSchemaException}). The server
 * opens it in the background ({@link #openInBackground}) and wires its repositories meanwhile: their
 * connections wait until the schema is migrated.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /**
   * How long a request waits for a pooled connection before it is answered 503. HikariCP's default,
   * 30 s, made every request hang for half a minute while PostgreSQL restarted.
   */
  static final long CONNECTION_WAIT_MS = 3_000;

  private final DatabaseConfig config;
  private final CompletableFuture<HikariDataSource> pool;
  private final DataSource dataSource;
  private final Jdbi jdbi;
  private final Runnable afterClose;

  private Database(DatabaseConfig config, CompletableFuture<HikariDataSource> pool, Runnable afterClose) {
    this.config = config;
    this.pool = pool;
    this.dataSource = new AwaitingDataSource(pool);
    this.jdbi = config.dialect() == Dialect.SQLITE ? Jdbi.create(new OneAtATime(dataSource, CONNECTION_WAIT_MS))
        : Jdbi.create(dataSource);
    jdbi.define("forUpdate", config.dialect().forUpdate());
    this.afterClose = afterClose;
  }

  /** Opens the pool and migrates; fails with a clear message when the database is unreachable. */
  public static Database open(DatabaseConfig config) {
    return open(config, () -> {});
  }

  /** Opens and migrates; {@code afterClose} runs once the pool is closed (tests drop their schema). */
  public static Database open(DatabaseConfig config, Runnable afterClose) {
    return new Database(config, CompletableFuture.completedFuture(connectAndMigrate(config)), afterClose);
  }

  /**
   * Opens the pool and migrates on a thread of its own, so that what does not need the database is
   * done meanwhile (opening and migrating take half of a start on an empty data directory). Connections
   * wait for it; {@link #awaitReady()} waits and reports a failure.
   */
  public static Database openInBackground(DatabaseConfig config) {
    CompletableFuture<HikariDataSource> pool = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("cowatch-db-open").start(() -> {
      try {
        pool.complete(connectAndMigrate(config));
      } catch (RuntimeException | Error e) {
        pool.completeExceptionally(e);
      }
    });
    return new Database(config, pool, () -> {});
  }

  private static HikariDataSource connectAndMigrate(DatabaseConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.url());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(config.poolSize());
    hc.setPoolName("cowatch-db");
    hc.setConnectionTimeout(CONNECTION_WAIT_MS);
    // Fail at start, not at the first request, when the database is missing.
    hc.setInitializationFailTimeout(config.connectWaitMs());
    if (config.dialect() == Dialect.SQLITE) embeddedSettings(config, hc);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to the database at " + config.describe() + ": " + e.getMessage(), e);
    }
    try {
      // The embedded store takes every pending migration in one transaction (SQLite's DDL is
      // transactional): one synced commit for a new data directory instead of two per migration.
      // A database a newer Cowatch wrote is refused here, unchanged (Migrations).
      var result = Migrations.migrate(ds, config.dialect(), config.describe(), config.dialect() == Dialect.SQLITE);
      log.info("database {} at schema version {} ({} migrations applied)", config.describe(),
          result.version(), result.applied());
      LegacyH2Import.ifPresent(config, ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return ds;
  }

  /** The embedded store: its directory made, its connections set up as {@link EmbeddedDataSource} says. */
  private static void embeddedSettings(DatabaseConfig config, HikariConfig hc) {
    config.embeddedDirectory().ifPresent(dir -> {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + dir, e);
      }
      SqliteNativeLibrary.useFrom(dir);
    });
    hc.setJdbcUrl(null);
    hc.setDataSource(new EmbeddedDataSource(config.url(), (int) CONNECTION_WAIT_MS));
  }

  /** Waits until the pool is open and the schema migrated; throws what stopped either. */
  public void awaitReady() {
    try {
      pool.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Connections from the pool, once it is open and migrated. */
  public DataSource dataSource() {
    return dataSource;
  }

  public DatabaseConfig config() {
    return config;
  }

  /** The pool's figures (connections in use, idle, waiting), once it is open; empty before and after. */
  public java.util.Optional<com.zaxxer.hikari.HikariPoolMXBean> poolFigures() {
    HikariDataSource ds = pool.getNow(null);
    return ds == null || ds.isClosed() ? java.util.Optional.empty()
        : java.util.Optional.ofNullable(ds.getHikariPoolMXBean());
  }

  /** Closes the pool; one still opening is closed once it is open. */
  @Override
  public void close() {
    HikariDataSource ds;
    try {
      ds = pool.join();
    } catch (CompletionException | CancellationException failed) {
      return; // it never opened, or closed itself when the migration failed
    }
    if (ds.isClosed()) return;
    ds.close();
    afterClose.run();
  }
}
