package dev.cowatch.server.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached (down, restarting, no connection free) from a bug. */
public final class DatabaseFaults {
  private DatabaseFaults() {}

  /**
   * True when {@code e} or a cause says the database is unreachable: the pool found no connection in
   * time, or the SQLSTATE is of class 08 (connection exception) or 57P (operator intervention: the
   * server shutting down or restarting, as PostgreSQL reports under {@code pg_ctl stop}).
   */
  public static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) return true;
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
