package dev.cowatch.server.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a data directory written by an older Cowatch, whose embedded store was H2
 * ({@code cowatch.mv.db}), into the SQLite store, once: the H2 file is first brought to the newest
 * schema, every table is copied row by row in one SQLite transaction, and only then is the H2 file
 * renamed to {@code cowatch.mv.db.imported}, where it stays for the operator to delete. An H2 file with a
 * schema newer than this build's is refused as any database is (Migrations), and left as it is.
 *
 * <p>Only an empty SQLite store is filled: a crash during the copy leaves it empty (one transaction)
 * and the next start copies again; an H2 file found beside a store that already holds data (a crash
 * between the commit and the rename, or an old file put back) is left alone with a warning, never
 * merged over what the SQLite store holds.
 */
final class LegacyH2Import {
  private static final Logger log = LoggerFactory.getLogger(LegacyH2Import.class);
  static final String LEGACY_FILE = "cowatch.mv.db";
  static final String IMPORTED_FILE = "cowatch.mv.db.imported";
  private static final int BATCH = 500;

  private LegacyH2Import() {}

  /** Runs when {@code config} is the embedded store and its directory still holds an H2 file. */
  static void ifPresent(DatabaseConfig config, HikariDataSource sqlite) {
    Path dir = config.embeddedDirectory().orElse(null);
    if (dir == null || !Files.isRegularFile(dir.resolve(LEGACY_FILE))) return;
    if (!isEmpty(sqlite)) {
      log.warn("{} holds data already: the H2 store {} beside it is not copied (move it away to silence this)",
          config.describe(), dir.resolve(LEGACY_FILE));
      return;
    }
    log.warn("copying the H2 store {} of an older Cowatch into {}", dir.resolve(LEGACY_FILE), config.describe());
    long rows = copy(DatabaseConfig.legacyH2(dir), sqlite);
    try {
      Files.move(dir.resolve(LEGACY_FILE), dir.resolve(IMPORTED_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("copied the H2 store but cannot rename it to " + IMPORTED_FILE, e);
    }
    log.warn("copied {} rows; the old file is kept as {} and may be deleted", rows, dir.resolve(IMPORTED_FILE));
  }

  /** No rows but those the migrations put there (the audit chain's head at zero). */
  private static boolean isEmpty(HikariDataSource sqlite) {
    try (Connection c = sqlite.getConnection()) {
      for (String table : tables(c)) {
        if (table.equals("audit_head")) continue;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
          if (rs.next()) return false;
        }
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the embedded store: " + e.getMessage(), e);
    }
  }

  private static long copy(DatabaseConfig legacy, HikariDataSource sqlite) {
    try (HikariDataSource h2 = new HikariDataSource(hikari(legacy))) {
      Migrations.migrate(h2, legacy.dialect(), legacy.describe(), false);
      try (Connection from = h2.getConnection(); Connection to = sqlite.getConnection()) {
        to.setAutoCommit(false);
        try {
          // Rows arrive table by table, children possibly before parents: checked at commit instead.
          try (Statement s = to.createStatement()) {
            s.execute("PRAGMA defer_foreign_keys = ON");
          }
          long rows = 0;
          for (String table : tables(to)) rows += copyTable(table, from, to);
          to.commit();
          return rows;
        } catch (SQLException | RuntimeException e) {
          to.rollback();
          throw e;
        } finally {
          to.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot copy the old H2 store: " + e.getMessage(), e);
    }
  }

  private static com.zaxxer.hikari.HikariConfig hikari(DatabaseConfig legacy) {
    var hc = new com.zaxxer.hikari.HikariConfig();
    hc.setJdbcUrl(legacy.url());
    hc.setUsername(legacy.user());
    hc.setPassword(legacy.password());
    hc.setMaximumPoolSize(legacy.poolSize());
    hc.setPoolName("cowatch-legacy-h2");
    return hc;
  }

  /** The application's tables in the SQLite store (its schema decides what is copied). */
  private static List<String> tables(Connection sqlite) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
         ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
             + "AND name NOT LIKE 'sqlite%' AND name <> 'flyway_schema_history' ORDER BY name")) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    return tables;
  }

  private static long copyTable(String table, Connection from, Connection to) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement s = to.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) columns.add(rs.getString("name"));
    }
    String names = String.join(", ", columns);
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    long rows = 0;
    try (Statement read = from.createStatement();
         ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + table);
         // Replacing: the one row a migration seeds (audit_head) takes the copied value.
         PreparedStatement write = to.prepareStatement("INSERT OR REPLACE INTO " + table + " (" + names + ") VALUES ("
             + marks + ")")) {
      while (rs.next()) {
        for (int i = 1; i <= columns.size(); i++) write.setObject(i, rs.getObject(i));
        write.addBatch();
        if (++rows % BATCH == 0) write.executeBatch();
      }
      write.executeBatch();
    }
    return rows;
  }
}
