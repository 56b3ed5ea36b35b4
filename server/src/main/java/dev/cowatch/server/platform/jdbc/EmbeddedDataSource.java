package dev.cowatch.server.platform.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to the embedded SQLite store, set up to answer as PostgreSQL does where the
 * repositories rely on it, and to keep what they acknowledge.
 *
 * <ul>
 *   <li>Write-ahead log: readers never wait for the writer; a commit is appended to the log and
 *       synced before it returns ({@code synchronous=FULL}), so neither {@code kill -9} nor a power
 *       cut loses it.
 *   <li>A transaction takes the write lock when it begins ({@code IMMEDIATE}): one that read first
 *       and wrote later could otherwise fail at once instead of waiting its turn. A writer waits for
 *       the lock as long as a request waits for a connection, then the request is answered 503
 *       (DatabaseFaults).
 *   <li>Foreign keys enforced, and {@code LIKE} case-sensitive, as in PostgreSQL.
 *   <li>{@code lower()} lower-cases every script, as PostgreSQL's does under a UTF-8 locale
 *       (SQLite's own knows only ASCII, and room search would not find "Ärger" from "ärger").
 * </ul>
 */
final class EmbeddedDataSource extends SQLiteDataSource {
  EmbeddedDataSource(String url, int busyTimeoutMs) {
    super(settings(busyTimeoutMs));
    setUrl(url);
  }

  private static SQLiteConfig settings(int busyTimeoutMs) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(busyTimeoutMs);
    config.enforceForeignKeys(true);
    config.enableCaseSensitiveLike(true);
    return config;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(null, null);
  }

  @Override
  public SQLiteConnection getConnection(String user, String password) throws SQLException {
    SQLiteConnection connection = super.getConnection(user, password);
    Function.create(connection, "lower", new UnicodeLower(), 1, Function.FLAG_DETERMINISTIC);
    return connection;
  }

  private static final class UnicodeLower extends Function {
    @Override
    protected void xFunc() throws SQLException {
      String text = value_text(0);
      if (text == null) {
        result();
      } else {
        result(text.toLowerCase(Locale.ROOT));
      }
    }
  }
}
