package dev.cowatch.server.cli;

import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data lives: the options shared by the server and the commands that open its database. */
public final class DatabaseOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:COWATCH_DATA_DIR:-./data}",
      description = "Directory for the embedded storage (env COWATCH_DATA_DIR, default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:COWATCH_DB_URL:-}",
      description = "JDBC URL of the database, e.g. jdbc:postgresql://db:5432/cowatch (env COWATCH_DB_URL; "
          + "default: an SQLite file in the data directory).")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:COWATCH_DB_USER:-}",
      description = "Database user (env COWATCH_DB_USER).")
  String dbUser;

  @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:COWATCH_DB_PASSWORD:-}",
      description = "Database password (env COWATCH_DB_PASSWORD; prefer the variable: options show in ps).")
  String dbPassword;

  @Option(names = "--db-pool-size", paramLabel = "N", defaultValue = "${env:COWATCH_DB_POOL_SIZE:-16}",
      description = "Database connections kept at most (env COWATCH_DB_POOL_SIZE, default: ${DEFAULT-VALUE}).")
  int dbPoolSize;

  public Path dataDir() {
    return dataDir;
  }

  /** True when no URL is given: the SQLite file under the data directory. */
  public boolean embedded() {
    return dbUrl == null || dbUrl.isBlank();
  }

  public DatabaseConfig config() {
    return embedded() ? DatabaseConfig.embedded(dataDir) : new DatabaseConfig(dbUrl, dbUser, dbPassword, dbPoolSize);
  }
}
