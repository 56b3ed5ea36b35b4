package dev.cowatch.server.platform.mail;

import dev.cowatch.server.platform.jdbc.Columns;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The mail outbox in the relational database (SQLite or PostgreSQL). Claims are conditional updates. */
public final class JdbcMailOutbox implements MailOutbox {
  private static final RowMapper<Entry> ENTRY = (rs, ctx) -> new Entry(rs.getLong("id"), rs.getString("dedupe_key"),
      new MailMessage(rs.getString("recipient"), rs.getString("subject"), rs.getString("body")),
      rs.getLong("send_after"), rs.getInt("attempts"), Columns.longOrNull(rs, "sent_at"),
      Columns.longOrNull(rs, "given_up_at"), rs.getString("last_error"));
  private static final String UNSENT = "sent_at IS NULL AND given_up_at IS NULL";

  private final Jdbi jdbi;

  public JdbcMailOutbox(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean enqueue(String dedupeKey, MailMessage message, long sendAfter, long now) {
    // The unique key decides, also between two nodes scheduling at once: one row, one "true".
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO mail_outbox (dedupe_key, recipient, subject, body, "
            + "send_after, attempts, created_at) VALUES (:key, :to, :subject, :body, :after, 0, :now) "
            + "ON CONFLICT DO NOTHING")
        .bind("key", dedupeKey).bind("to", message.to()).bind("subject", message.subject())
        .bind("body", message.text()).bind("after", sendAfter).bind("now", now).execute() == 1);
  }

  @Override
  public boolean reschedule(String dedupeKey, long sendAfter) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE mail_outbox SET send_after = :after, attempts = 0, "
            + "claimed_until = NULL WHERE dedupe_key = :key AND " + UNSENT)
        .bind("after", sendAfter).bind("key", dedupeKey).execute() == 1);
  }

  @Override
  public int cancelUnsent(String keyPrefix) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mail_outbox WHERE dedupe_key LIKE :prefix ESCAPE '!' AND "
        + UNSENT).bind("prefix", likePrefix(keyPrefix)).execute());
  }

  @Override
  public Depth depth(long now, long lateMs) {
    // One pass over the table: counts of each kind at once (it holds sent mail too, so it grows).
    return jdbi.withHandle(h -> h.createQuery("SELECT "
            + "COALESCE(SUM(CASE WHEN " + UNSENT + " THEN 1 ELSE 0 END), 0) AS unsent, "
            + "COALESCE(SUM(CASE WHEN " + UNSENT + " AND send_after <= :late THEN 1 ELSE 0 END), 0) AS late, "
            + "COALESCE(SUM(CASE WHEN given_up_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS given_up FROM mail_outbox")
        .bind("late", now - lateMs)
        .map((rs, ctx) -> new Depth(rs.getLong("unsent"), rs.getLong("late"), rs.getLong("given_up"))).one());
  }

  @Override
  public List<Long> due(long now, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM mail_outbox WHERE " + UNSENT + " AND send_after <= :now "
            + "AND (claimed_until IS NULL OR claimed_until <= :now) ORDER BY send_after, id LIMIT :limit")
        .bind("now", now).bind("limit", limit).mapTo(Long.class).list());
  }

  @Override
  public Optional<Entry> claim(long id, long now, long leaseUntil) {
    return jdbi.inTransaction(h -> {
      int won = h.createUpdate("UPDATE mail_outbox SET claimed_until = :lease WHERE id = :id AND " + UNSENT
              + " AND send_after <= :now AND (claimed_until IS NULL OR claimed_until <= :now)")
          .bind("lease", leaseUntil).bind("id", id).bind("now", now).execute();
      if (won != 1) return Optional.<Entry>empty();
      return h.createQuery("SELECT * FROM mail_outbox WHERE id = :id").bind("id", id).map(ENTRY).findOne();
    });
  }

  @Override
  public void markSent(long id, long now) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET sent_at = :now, attempts = attempts + 1, "
        + "claimed_until = NULL, last_error = NULL WHERE id = :id").bind("now", now).bind("id", id).execute());
  }

  @Override
  public void markFailed(long id, String error, Long retryAt, long now) {
    String shortError = error.length() > 1000 ? error.substring(0, 1000) : error;
    jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET attempts = attempts + 1, last_error = :error, "
            + "claimed_until = :retry, given_up_at = :gaveUp WHERE id = :id")
        .bind("error", shortError).bind("retry", retryAt).bind("gaveUp", retryAt == null ? (Long) now : null)
        .bind("id", id).execute());
  }

  @Override
  public Optional<Entry> find(String dedupeKey) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mail_outbox WHERE dedupe_key = :key")
        .bind("key", dedupeKey).map(ENTRY).findOne());
  }

  @Override
  public List<Entry> to(String recipient, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mail_outbox WHERE recipient = :to ORDER BY id DESC "
        + "LIMIT :limit").bind("to", recipient).bind("limit", limit).map(ENTRY).list());
  }

  /** A LIKE pattern matching keys that start with {@code prefix} literally ('!' escapes). */
  private static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
