package dev.cowatch.server.account;

import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.audit.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit log that keeps entries in a list for assertions. */
public final class RecordingAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

  @Override
  public void append(AuditEntry entry) {
    entries.add(entry);
  }

  public List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  public List<AuditEntry> of(AuditAction action) {
    return entries.stream().filter(e -> e.action() == action).toList();
  }

  public List<AuditAction> actions() {
    return entries.stream().map(AuditEntry::action).toList();
  }
}
