package dev.cowatch.server.platform.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Tells a database that cannot be reached (down, restarting, no connection free) from a bug. */
public final class DatabaseFaults {
  private DatabaseFaults() {}

  /**
   * True when {@code e} or a cause says the database is unreachable: the pool found no connection in
   * time, or the SQLSTATE is of class 08 (connection exception) or 57P (operator intervention: the
   * server shutting down or restarting, as PostgreSQL reports under {@code pg_ctl stop}), or the
   * embedded store stayed locked by other writers for longer than a request waits.
   */
  public static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) return true;
      // The embedded store's write lock stayed taken for as long as a request waits (busy_timeout).
      if (t instanceof SQLiteException lite && (lite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code e} or a cause is a unique key refusing a second row (SQLSTATE 23505, or SQLite's own code). */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLiteException lite && (lite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || lite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
        return true;
      }
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) return true;
    }
    return false;
  }
}
