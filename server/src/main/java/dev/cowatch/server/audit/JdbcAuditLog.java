package dev.cowatch.server.audit;

import dev.cowatch.server.platform.jdbc.Database;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * The audit log in {@code audit_log} (migration V3), each row chained to the one before by
 * {@link AuditHash}.
 *
 * <p>Appends are serialized twice: a lock inside this process, so the threads of one server queue
 * here instead of holding pool connections while they wait, and the one-row {@code audit_head}
 * locked with {@code SELECT ... FOR UPDATE} in the append's transaction (on the embedded SQLite
 * store the transaction holds the write lock from its start), so several servers on one PostgreSQL
 * never fork the chain. An append returns once its transaction has committed durably.
 */
public final class JdbcAuditLog implements AuditLog {
  /** Column sizes of V3__audit.sql: checked here so a caller gets a clear message, not a SQL error. */
  static final int MAX_ACTOR = 40;
  static final int MAX_SUBJECT = 320;
  static final int MAX_DETAILS = 8192;
  static final int MAX_ADDRESS = 64;

  private static final RowMapper<AuditRow> ROW = (rs, ctx) -> new AuditRow(rs.getLong("seq"), rs.getLong("at"),
      rs.getString("action"), rs.getString("actor_id"), rs.getString("subject"), rs.getString("details"),
      rs.getString("address"), rs.getString("prev_hash"), rs.getString("hash"));
  private static final RowMapper<AuditVerifier.Head> HEAD = (rs, ctx) ->
      new AuditVerifier.Head(rs.getLong("seq"), rs.getString("hash"));

  private final Jdbi jdbi;
  private final Clock clock;
  private final ReentrantLock appending = new ReentrantLock();

  public JdbcAuditLog(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  @Override
  public void append(AuditEntry entry) {
    String details = AuditHash.canonicalJson(entry.details());
    checkLength("actorId", entry.actorId(), MAX_ACTOR);
    checkLength("subject", entry.subject(), MAX_SUBJECT);
    checkLength("details", details, MAX_DETAILS);
    checkLength("address", entry.address(), MAX_ADDRESS);
    appending.lock();
    try {
      jdbi.useTransaction(h -> {
        AuditVerifier.Head head = h.createQuery("SELECT seq, hash FROM audit_head WHERE id = 1 <forUpdate>")
            .map(HEAD).findOne()
            .orElseThrow(() -> new IllegalStateException("the audit log's head record (audit_head) is missing"));
        long seq = head.seq() + 1;
        // Read under the lock, so one process's rows never go back in time.
        long at = clock.millis();
        String action = entry.action().name();
        String hash = AuditHash.of(seq, at, action, entry.actorId(), entry.subject(), details, entry.address(),
            head.hash());
        h.createUpdate("INSERT INTO audit_log (seq, at, action, actor_id, subject, details, address, prev_hash, hash) "
                + "VALUES (:seq, :at, :action, :actor, :subject, :details, :address, :prev, :hash)")
            .bind("seq", seq).bind("at", at).bind("action", action).bind("actor", entry.actorId())
            .bind("subject", entry.subject()).bind("details", details).bind("address", entry.address())
            .bind("prev", head.hash()).bind("hash", hash)
            .execute();
        h.createUpdate("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1")
            .bind("seq", seq).bind("hash", hash)
            .execute();
      });
    } finally {
      appending.unlock();
    }
  }

  /** Checks the whole chain, streaming the rows; appends may go on meanwhile. */
  public AuditVerifier.Result verify() {
    return jdbi.inTransaction(h -> {
      Optional<AuditVerifier.Head> head = h.createQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
          .map(HEAD).findOne();
      if (head.isEmpty()) return new AuditVerifier.Broken(0, AuditVerifier.Reason.HEAD_MISSING, null);
      try (ResultIterator<AuditRow> rows = h.createQuery(
              "SELECT seq, at, action, actor_id, subject, details, address, prev_hash, hash FROM audit_log ORDER BY seq")
          .setFetchSize(500).map(ROW).iterator()) {
        return AuditVerifier.verify(rows, head.get());
      }
    });
  }

  /**
   * Up to {@code limit} rows, newest first, older than {@code beforeSeq} (null: from the newest): the
   * admin page pages back through the log with the last seq it showed.
   */
  public java.util.List<AuditRow> page(Long beforeSeq, int limit) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT seq, at, action, actor_id, subject, details, address, prev_hash, hash FROM audit_log "
                + "WHERE seq < :before ORDER BY seq DESC LIMIT :limit")
        .bind("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq).bind("limit", limit).map(ROW).list());
  }

  private static void checkLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException("audit " + field + " longer than " + max + " characters");
    }
  }
}
