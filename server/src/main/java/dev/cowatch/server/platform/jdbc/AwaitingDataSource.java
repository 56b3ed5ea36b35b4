package dev.cowatch.server.platform.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A connection pool that may still be opening: every call waits until it is open (and the schema
 * migrated), or fails with what stopped it. Repositories can be wired while the database opens, and
 * none can read a table before it exists.
 */
final class AwaitingDataSource implements DataSource {
  private final CompletableFuture<? extends DataSource> pool;

  AwaitingDataSource(CompletableFuture<? extends DataSource> pool) {
    this.pool = pool;
  }

  private DataSource pool() throws SQLException {
    try {
      return pool.join();
    } catch (CompletionException | CancellationException e) {
      Throwable why = e.getCause() != null ? e.getCause() : e;
      throw new SQLException("the database did not open: " + why.getMessage(), why);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool().getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return pool().getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : pool().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || pool().isWrapperFor(iface);
  }
}
