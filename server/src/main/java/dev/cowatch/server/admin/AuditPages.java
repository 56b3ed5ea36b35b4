package dev.cowatch.server.admin;

import dev.cowatch.server.audit.AuditRow;
import dev.cowatch.server.audit.AuditVerifier;
import dev.cowatch.server.audit.JdbcAuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log for the admin page: the chain's verification (every row checked, as {@code ./cowatch audit
 * verify} does) and one page of entries, newest first.
 */
public final class AuditPages {
  static final int DEFAULT_PAGE = 50;
  public static final int MAX_PAGE = 200;

  private final JdbcAuditLog log;

  public AuditPages(JdbcAuditLog log) {
    this.log = log;
  }

  /** @param before show rows with a lower seq (the previous page's {@code nextBefore}); null: the newest */
  public Map<String, Object> page(Long before, Integer limit) {
    int size = limit == null ? DEFAULT_PAGE : Math.clamp(limit, 1, MAX_PAGE);
    List<AuditRow> rows = log.page(before, size);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verification", verification(log.verify()));
    out.put("entries", rows.stream().map(AuditPages::entry).toList());
    out.put("nextBefore", rows.size() < size ? null : rows.getLast().seq());
    return out;
  }

  static Map<String, Object> verification(AuditVerifier.Result result) {
    Map<String, Object> v = new LinkedHashMap<>();
    switch (result) {
      case AuditVerifier.Intact ok -> {
        v.put("status", "intact");
        v.put("rows", ok.rows());
        v.put("headHash", ok.headHash());
      }
      case AuditVerifier.Broken broken -> {
        v.put("status", "broken");
        v.put("brokenAt", broken.seq());
        v.put("reason", broken.message());
      }
    }
    return v;
  }

  private static Map<String, Object> entry(AuditRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", r.seq());
    m.put("at", r.at());
    m.put("action", r.action());
    m.put("actorId", r.actorId());
    m.put("subject", r.subject());
    // Already canonical JSON (AuditHash): passed through as it was hashed.
    m.put("details", new com.fasterxml.jackson.databind.util.RawValue(r.details()));
    m.put("address", r.address());
    m.put("hash", r.hash());
    return m;
  }
}
