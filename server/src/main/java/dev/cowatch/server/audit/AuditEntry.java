package dev.cowatch.server.audit;

import java.util.Map;

/**
 * One event to append.
 *
 * @param actorId the user who did it, or null (a failed sign-in of an unknown address)
 * @param subject what it was done to, e.g. {@code room:abc} or {@code user:u-123}
 * @param details small key/value facts (new role, changed fields); never secrets
 * @param address the client's IP address, or null when not from a request
 */
public record AuditEntry(AuditAction action, String actorId, String subject, Map<String, String> details,
    String address) {
  public AuditEntry {
    if (action == null) throw new IllegalArgumentException("audit action required");
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
