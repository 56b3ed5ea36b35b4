package dev.cowatch.server.platform.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * The embedded SQLite store's work, one handle at a time, in the order it was asked for. SQLite lets
 * one writer in at a time, and the others wait for its lock inside native code (its busy handler
 * sleeps and retries). A virtual thread waiting there holds its carrier thread; the server has as
 * many carriers as cores, so two such waiters on a 2-core machine left the virtual thread holding
 * the lock no carrier to finish on, and the store stood still until the waiters gave up after the
 * busy timeout, one after another (EmbeddedBurstTest hung for minutes; the soak lost 1,300 joins).
 * Waiting here instead, before it takes a pooled connection, a thread parks without holding a
 * carrier, and each handle starts the moment the one before it closes, in the order asked (the
 * pool's own queue is not fair: a thread that gives a connection back takes it again first). Reads
 * queue too: they take microseconds under the write-ahead log, and a transaction begins with reads.
 * Reentrant, so a handle opened inside another on the same thread goes on.
 */
final class OneAtATime implements ConnectionFactory {
  private final DataSource pool;
  private final ReentrantLock turn = new ReentrantLock(true);
  private final long waitMs;

  /** @param waitMs how long a caller waits for its turn before it is told the database is unavailable (503) */
  OneAtATime(DataSource pool, long waitMs) {
    this.pool = pool;
    this.waitMs = waitMs;
  }

  @Override
  public Connection openConnection() throws SQLException {
    boolean mine;
    try {
      mine = turn.tryLock(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted while waiting for the embedded database", e);
    }
    // The exception HikariCP throws when no connection comes in time: DatabaseFaults answers 503.
    if (!mine) throw new SQLTransientConnectionException("the embedded database was busy for " + waitMs + " ms");
    try {
      return pool.getConnection();
    } catch (SQLException | RuntimeException e) {
      turn.unlock();
      throw e;
    }
  }

  @Override
  public void closeConnection(Connection connection) throws SQLException {
    try {
      connection.close();
    } finally {
      turn.unlock(); // Jdbi closes a handle on the thread that opened it
    }
  }
}
