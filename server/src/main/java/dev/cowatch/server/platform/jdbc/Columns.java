package dev.cowatch.server.platform.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads columns the same way on every engine: {@code getObject(column, Long.class)} answers null for
 * SQL NULL on PostgreSQL but throws on SQLite, which also keeps a BOOLEAN as 0 or 1.
 */
public final class Columns {
  private Columns() {}

  public static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  public static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  /** A BOOLEAN column read through {@code mapToMap()}: SQLite hands back 0 or 1. */
  public static boolean truth(Object value) {
    if (value instanceof Boolean b) return b;
    if (value instanceof Number n) return n.intValue() != 0;
    throw new IllegalStateException("not a boolean column value: " + value);
  }
}
