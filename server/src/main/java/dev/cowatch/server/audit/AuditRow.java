package dev.cowatch.server.audit;

/**
 * One stored row of the audit log, as read back for verification.
 *
 * @param details the canonical JSON string that was hashed ({@link AuditHash#canonicalJson})
 * @param prevHash the previous row's hash; {@link AuditHash#GENESIS} for the first row
 */
public record AuditRow(long seq, long at, String action, String actorId, String subject, String details,
    String address, String prevHash, String hash) {

  /** The hash this row's contents call for; differs from {@link #hash} when the row was altered. */
  public String expectedHash() {
    return AuditHash.of(seq, at, action, actorId, subject, details, address, prevHash);
  }
}
