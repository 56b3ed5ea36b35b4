package dev.cowatch.server.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema: opening a {@code Database} migrates it to the newest version
 * (Flyway, {@code db/migration}), so every repository sees the schema it was written for.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final DatabaseConfig config;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Runnable afterClose;

  private Database(DatabaseConfig config, HikariDataSource dataSource, Runnable afterClose) {
    this.config = config;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.afterClose = afterClose;
  }

  /** Opens the pool and migrates; fails with a clear message when the database is unreachable. */
  public static Database open(DatabaseConfig config) {
    return open(config, () -> {});
  }

  /** Opens and migrates; {@code afterClose} runs once the pool is closed (tests drop their schema). */
  public static Database open(DatabaseConfig config, Runnable afterClose) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.url());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(config.poolSize());
    hc.setPoolName("cowatch-db");
    // Fail at start, not at the first request, when the database is missing.
    hc.setInitializationFailTimeout(config.connectWaitMs());
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to the database at " + config.describe() + ": " + e.getMessage(), e);
    }
    try {
      var result = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      log.info("database {} at schema version {} ({} migrations applied)", config.describe(),
          result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(config, ds, afterClose);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public DatabaseConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (dataSource.isClosed()) return;
    dataSource.close();
    afterClose.run();
  }
}
