package dev.cowatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {

  /** A correct chain of {@code n} rows, one per millisecond. */
  static List<AuditRow> chain(int n) {
    List<AuditRow> rows = new ArrayList<>();
    String prev = AuditHash.GENESIS;
    for (long seq = 1; seq <= n; seq++) {
      AuditRow row = row(seq, "{\"n\":\"" + seq + "\"}", prev);
      rows.add(row);
      prev = row.hash();
    }
    return rows;
  }

  static AuditRow row(long seq, String details, String prev) {
    long at = 1_700_000_000_000L + seq;
    String hash = AuditHash.of(seq, at, "ROOM_CREATED", "u-" + seq, "room:r" + seq, details, "10.0.0.1", prev);
    return new AuditRow(seq, at, "ROOM_CREATED", "u-" + seq, "room:r" + seq, details, "10.0.0.1", prev, hash);
  }

  static AuditVerifier.Head headOf(List<AuditRow> rows) {
    return rows.isEmpty() ? new AuditVerifier.Head(0, AuditHash.GENESIS)
        : new AuditVerifier.Head(rows.getLast().seq(), rows.getLast().hash());
  }

  static AuditVerifier.Result verify(List<AuditRow> rows, AuditVerifier.Head head) {
    return AuditVerifier.verify(rows.iterator(), head);
  }

  @Test
  void intactChain_isOkWithRowCountAndHeadHash() {
    List<AuditRow> rows = chain(5);
    assertThat(verify(rows, headOf(rows))).isEqualTo(new AuditVerifier.Intact(5, rows.get(4).hash()));
  }

  @Test
  void emptyLog_isOkWithTheGenesisHash() {
    assertThat(verify(List.of(), headOf(List.of()))).isEqualTo(new AuditVerifier.Intact(0, AuditHash.GENESIS));
  }

  @Test
  void alteredRow_isBrokenAtThatRowByHash() {
    List<AuditRow> rows = new ArrayList<>(chain(5));
    AuditRow r = rows.get(2);
    rows.set(2, new AuditRow(r.seq(), r.at(), r.action(), r.actorId(), r.subject(), "{\"n\":\"forged\"}", r.address(),
        r.prevHash(), r.hash()));
    assertThat(verify(rows, headOf(chain(5))))
        .isEqualTo(new AuditVerifier.Broken(3, AuditVerifier.Reason.HASH_MISMATCH, null));
  }

  @Test
  void alteredRowWithRecomputedHash_isBrokenAtTheNextRowByPrevHash() {
    List<AuditRow> rows = new ArrayList<>(chain(5));
    rows.set(2, row(3, "{\"n\":\"forged\"}", rows.get(1).hash()));
    AuditVerifier.Result result = verify(rows, headOf(chain(5)));
    assertThat(result).isEqualTo(new AuditVerifier.Broken(4, AuditVerifier.Reason.PREV_HASH_MISMATCH, null));
  }

  @Test
  void deletedRow_isBrokenAtTheNextRowAsAGap() {
    List<AuditRow> rows = new ArrayList<>(chain(5));
    rows.remove(2);
    AuditVerifier.Result result = verify(rows, headOf(chain(5)));
    assertThat(result).isEqualTo(new AuditVerifier.Broken(4, AuditVerifier.Reason.SEQ_GAP, "row 3 is missing"));
    assertThat(((AuditVerifier.Broken) result).message())
        .isEqualTo("its seq does not follow the row before it (row 3 is missing)");
  }

  @Test
  void deletedFirstRows_areBrokenAtTheFirstRemainingRow() {
    List<AuditRow> rows = new ArrayList<>(chain(5));
    rows.subList(0, 2).clear();
    assertThat(verify(rows, headOf(chain(5))))
        .isEqualTo(new AuditVerifier.Broken(3, AuditVerifier.Reason.SEQ_GAP, "rows 1-2 are missing"));
  }

  @Test
  void swappedRowContents_areBrokenByHash() {
    List<AuditRow> rows = new ArrayList<>(chain(5));
    Collections.swap(rows, 1, 2);
    assertThat(verify(rows, headOf(chain(5))))
        .isEqualTo(new AuditVerifier.Broken(3, AuditVerifier.Reason.SEQ_GAP, "row 2 is missing"));
  }

  @Test
  void renumberedRowAfterDeletion_isBrokenByHash() {
    List<AuditRow> rows = new ArrayList<>(chain(5));
    rows.remove(2);
    AuditRow r = rows.get(2);
    rows.set(2, new AuditRow(3, r.at(), r.action(), r.actorId(), r.subject(), r.details(), r.address(), r.prevHash(),
        r.hash()));
    assertThat(verify(rows.subList(0, 3), new AuditVerifier.Head(3, r.hash())))
        .isEqualTo(new AuditVerifier.Broken(3, AuditVerifier.Reason.HASH_MISMATCH, null));
  }

  @Test
  void rowsDeletedFromTheEnd_areBrokenAgainstTheHead() {
    List<AuditRow> rows = chain(5);
    assertThat(verify(rows.subList(0, 3), headOf(rows))).isEqualTo(new AuditVerifier.Broken(4,
        AuditVerifier.Reason.HEAD_MISMATCH, "the log ends at row 3 but the head records 5 rows"));
  }

  @Test
  void rowsAppendedAfterTheHeadWasRead_areCheckedAndCounted() {
    List<AuditRow> rows = chain(5);
    assertThat(verify(rows, headOf(rows.subList(0, 3)))).isEqualTo(new AuditVerifier.Intact(5, rows.get(4).hash()));
  }

  @Test
  void headDisagreeingWithItsRow_isBroken() {
    List<AuditRow> rows = chain(5);
    assertThat(verify(rows, new AuditVerifier.Head(5, "ff".repeat(32))).ok()).isFalse();
  }
}
