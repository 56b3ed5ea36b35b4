package dev.cowatch.server.audit;

import java.util.Iterator;

/**
 * Checks the audit log's hash chain over rows given in {@code seq} order; pure, so it runs the
 * same over a database cursor or a list. It stops at the first broken row.
 */
public final class AuditVerifier {

  /** What the log's head record says: the newest row's seq and hash (seq 0 when empty). */
  public record Head(long seq, String hash) {}

  /** The outcome: {@link Intact} or {@link Broken}. */
  public sealed interface Result {
    boolean ok();
  }

  /** Every row checked out; {@code headHash} is the newest row's hash (genesis when empty). */
  public record Intact(long rows, String headHash) implements Result {
    @Override
    public boolean ok() {
      return true;
    }
  }

  /** The first row found wrong ({@code seq} 0 when the log's head record itself is missing). */
  public record Broken(long seq, Reason reason, String detail) implements Result {
    @Override
    public boolean ok() {
      return false;
    }

    public String message() {
      return detail == null ? reason.text : reason.text + " (" + detail + ")";
    }
  }

  public enum Reason {
    /** The row's contents were altered after it was written. */
    HASH_MISMATCH("hash does not match its contents"),
    /** A row before it was deleted, replaced or moved. */
    PREV_HASH_MISMATCH("prev_hash does not match the hash of the row before it"),
    /** Rows are missing between the previous row and this one (or seq was rewritten). */
    SEQ_GAP("its seq does not follow the row before it"),
    /** Rows were deleted from the end, or the head record was changed. */
    HEAD_MISMATCH("the log does not end where its head record says"),
    HEAD_MISSING("the head record (audit_head) is missing");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private AuditVerifier() {}

  /**
   * Verifies {@code rows} (ascending {@code seq}) against each other and against {@code head},
   * read before the rows: rows appended after the head was read are checked like the others.
   */
  public static Result verify(Iterator<AuditRow> rows, Head head) {
    long expectedSeq = 1;
    String prevHash = AuditHash.GENESIS;
    while (rows.hasNext()) {
      AuditRow row = rows.next();
      if (row.seq() != expectedSeq) {
        String detail = row.seq() < expectedSeq ? "expected row " + expectedSeq
            : row.seq() == expectedSeq + 1 ? "row " + expectedSeq + " is missing"
            : "rows " + expectedSeq + "-" + (row.seq() - 1) + " are missing";
        return new Broken(row.seq(), Reason.SEQ_GAP, detail);
      }
      if (!row.hash().equals(row.expectedHash())) return new Broken(row.seq(), Reason.HASH_MISMATCH, null);
      if (!row.prevHash().equals(prevHash)) return new Broken(row.seq(), Reason.PREV_HASH_MISMATCH, null);
      if (row.seq() == head.seq() && !row.hash().equals(head.hash())) {
        return new Broken(row.seq(), Reason.HEAD_MISMATCH, "the head records another hash for row " + row.seq());
      }
      prevHash = row.hash();
      expectedSeq++;
    }
    long last = expectedSeq - 1;
    if (last < head.seq()) {
      return new Broken(last + 1, Reason.HEAD_MISMATCH,
          "the log ends at row " + last + " but the head records " + head.seq() + " rows");
    }
    return new Intact(last, prevHash);
  }
}
