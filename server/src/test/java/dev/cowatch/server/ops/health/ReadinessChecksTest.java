package dev.cowatch.server.ops.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.mail.JdbcMailOutbox;
import dev.cowatch.server.platform.mail.MailMessage;
import dev.cowatch.server.platform.mail.MailOutbox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readiness on a real database: each check's verdict and the reason it gives. */
class ReadinessChecksTest {
  private static final long GIB = 1L << 30;
  private final FakeClock clock = FakeClock.atFixedStart();

  @Test
  void allWell_everyCheckUp_withItsFigures() {
    try (Database db = TestDatabases.sqlite()) {
      List<Check> checks = checks(db, new JdbcMailOutbox(db.jdbi()), 10 * GIB).run();

      assertThat(checks).extracting(Check::name).containsExactly("database", "disk", "mail");
      assertThat(checks).allMatch(c -> c.status() == Check.Status.UP && c.reason() == null);
      assertThat(checks.get(1).figures()).containsEntry("freeBytes", 10 * GIB);
      assertThat(checks.get(2).figures()).containsEntry("unsent", 0L).containsEntry("late", 0L);
    }
  }

  @Test
  void aNearlyFullDisk_isDown_andSaysHowMuchIsLeft() {
    try (Database db = TestDatabases.sqlite()) {
      Check disk = checks(db, new JdbcMailOutbox(db.jdbi()), 100L << 20).run().get(1);

      assertThat(disk.status()).isEqualTo(Check.Status.DOWN);
      assertThat(disk.reason()).startsWith("only 100 MiB free under ").endsWith("need at least 512 MiB");
    }
  }

  @Test
  void mailLateForMinutes_isDegraded_notDown() {
    try (Database db = TestDatabases.sqlite()) {
      MailOutbox outbox = new JdbcMailOutbox(db.jdbi());
      outbox.enqueue("a", new MailMessage("ann@example.org", "s", "t"), clock.millis(), clock.millis());
      outbox.enqueue("b", new MailMessage("bob@example.org", "s", "t"), clock.millis() + 60 * 60_000, clock.millis());
      ReadinessChecks checks = checks(db, outbox, 10 * GIB);

      assertThat(checks.run().get(2).status()).as("due a moment ago: the dispatcher looks every 2 s").isEqualTo(Check.Status.UP);
      clock.elapse(6 * 60_000);
      Check mail = checks.run().get(2);

      assertThat(mail.status()).isEqualTo(Check.Status.DEGRADED);
      assertThat(mail.reason()).startsWith("1 mail(s) due for over 5 minutes");
      assertThat(mail.figures()).containsEntry("unsent", 2L).containsEntry("late", 1L);
    }
  }

  @Test
  void aClosedDatabase_isDown_withTheDriversReason() {
    Database db = TestDatabases.sqlite();
    ReadinessChecks checks = checks(db, new JdbcMailOutbox(db.jdbi()), 10 * GIB);
    db.close();

    Check database = checks.run().get(0);

    assertThat(database.status()).isEqualTo(Check.Status.DOWN);
    assertThat(database.reason()).startsWith("the database does not answer: ");
  }

  private ReadinessChecks checks(Database db, MailOutbox outbox, long free) {
    return new ReadinessChecks(db, outbox, Path.of("/var/lib/cowatch"), clock, () -> free);
  }
}
