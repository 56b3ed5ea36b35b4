package dev.cowatch.server.audit;

/** Port: appends security events; the JDBC adapter chains each row to the previous by hash. */
public interface AuditLog {

  /** Appends durably before returning; the event's time is the log's clock. */
  void append(AuditEntry entry);
}
