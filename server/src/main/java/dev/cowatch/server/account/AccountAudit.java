package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.audit.AuditLog;
import java.util.Map;

/** Appends identity events to the audit log, each about {@code user:<id>}, never with a secret in it. */
final class AccountAudit {
  private final AuditLog log;

  AccountAudit(AuditLog log) {
    this.log = log;
  }

  void record(AuditAction action, UserId user, String address) {
    record(action, user, address, Map.of());
  }

  void record(AuditAction action, UserId user, String address, Map<String, String> details) {
    String id = user == null ? null : user.value();
    log.append(new AuditEntry(action, id, id == null ? null : "user:" + id, details, address));
  }
}
