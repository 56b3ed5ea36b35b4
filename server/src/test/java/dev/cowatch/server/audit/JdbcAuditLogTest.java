package dev.cowatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcAuditLogTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);

  private static AuditEntry entry(int i) {
    return new AuditEntry(AuditAction.ROLE_CHANGED, "u-" + i, "room:r1", Map.of("role", "moderator", "user", "u-" + i),
        "192.0.2." + i);
  }

  private static void appendSome(AuditLog log, int n) {
    for (int i = 1; i <= n; i++) log.append(entry(i));
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void appendedRows_formOneVerifiableChain(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      JdbcAuditLog log = new JdbcAuditLog(db, CLOCK);
      assertThat(log.verify()).isEqualTo(new AuditVerifier.Intact(0, AuditHash.GENESIS));
      appendSome(log, 5);
      List<AuditRow> rows = rows(db);
      assertThat(rows).extracting(AuditRow::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(rows.getFirst()).isEqualTo(new AuditRow(1, T0, "ROLE_CHANGED", "u-1", "room:r1",
          "{\"role\":\"moderator\",\"user\":\"u-1\"}", "192.0.2.1", AuditHash.GENESIS, rows.getFirst().hash()));
      assertThat(rows.getFirst().hash()).isEqualTo(rows.getFirst().expectedHash());
      assertThat(rows.get(1).prevHash()).isEqualTo(rows.getFirst().hash());
      assertThat(log.verify()).isEqualTo(new AuditVerifier.Intact(5, rows.getLast().hash()));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void nullableFields_roundTrip(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      JdbcAuditLog log = new JdbcAuditLog(db, CLOCK);
      log.append(new AuditEntry(AuditAction.SIGN_IN_FAILED, null, null, null, null));
      AuditRow row = rows(db).getFirst();
      assertThat(row.actorId()).isNull();
      assertThat(row.subject()).isNull();
      assertThat(row.address()).isNull();
      assertThat(row.details()).isEqualTo("{}");
      assertThat(log.verify().ok()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void rowAlteredWithPlainSql_failsVerificationNamingThatRow(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      JdbcAuditLog log = new JdbcAuditLog(db, CLOCK);
      appendSome(log, 5);
      db.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET details = '{\"role\":\"owner\"}' WHERE seq = 3"));
      assertThat(log.verify()).isEqualTo(new AuditVerifier.Broken(3, AuditVerifier.Reason.HASH_MISMATCH, null));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void rowDeletedWithPlainSql_failsVerificationNamingTheNextRow(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      JdbcAuditLog log = new JdbcAuditLog(db, CLOCK);
      appendSome(log, 5);
      db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = 3"));
      AuditVerifier.Result result = log.verify();
      assertThat(result).isInstanceOf(AuditVerifier.Broken.class);
      assertThat(((AuditVerifier.Broken) result).seq()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void lastRowsDeleted_failVerificationAgainstTheHead(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      JdbcAuditLog log = new JdbcAuditLog(db, CLOCK);
      appendSome(log, 5);
      db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq >= 4"));
      assertThat(log.verify()).isEqualTo(new AuditVerifier.Broken(4, AuditVerifier.Reason.HEAD_MISMATCH,
          "the log ends at row 3 but the head records 5 rows"));
    }
  }

  /** Two logs on one database stand for two server processes: only the database lock keeps them apart. */
  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void concurrentAppendsFromTwoProcesses_keepOneUnbrokenChain(TestDatabases.Opener opener) throws Exception {
    int threads = 6;
    int perThread = 20;
    try (Database db = opener.open()) {
      List<AuditLog> logs = List.of(new JdbcAuditLog(db, Clock.systemUTC()), new JdbcAuditLog(db, Clock.systemUTC()));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AuditLog log = logs.get(t % 2);
        done.add(pool.submit(() -> {
          start.await();
          appendSome(log, perThread);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) f.get();
      pool.shutdown();
      List<AuditRow> rows = rows(db);
      assertThat(rows).hasSize(threads * perThread);
      assertThat(new JdbcAuditLog(db, CLOCK).verify())
          .isEqualTo(new AuditVerifier.Intact(threads * perThread, rows.getLast().hash()));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void oversizedFields_areRefusedWithAClearMessageAndNothingIsWritten(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      JdbcAuditLog log = new JdbcAuditLog(db, CLOCK);
      assertThatThrownBy(() -> log.append(new AuditEntry(AuditAction.ROOM_CREATED, "u", "room:r",
          Map.of("name", "x".repeat(JdbcAuditLog.MAX_DETAILS)), null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("audit details longer than 8192 characters");
      assertThat(rows(db)).isEmpty();
      assertThat(log.verify()).isEqualTo(new AuditVerifier.Intact(0, AuditHash.GENESIS));
    }
  }

  private static List<AuditRow> rows(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery(
            "SELECT seq, at, action, actor_id, subject, details, address, prev_hash, hash FROM audit_log ORDER BY seq")
        .map((rs, ctx) -> new AuditRow(rs.getLong("seq"), rs.getLong("at"), rs.getString("action"),
            rs.getString("actor_id"), rs.getString("subject"), rs.getString("details"), rs.getString("address"),
            rs.getString("prev_hash"), rs.getString("hash")))
        .list());
  }
}
