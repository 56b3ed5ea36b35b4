package dev.cowatch.server.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {
  private static final MailMessage MAIL = new MailMessage("ann@example.org", "Reminder", "starts soon");

  /** Fails the first {@code failures} sends, then records. */
  private static final class FlakyMailer implements Mailer {
    final List<MailMessage> sent = new ArrayList<>();
    int failures;

    @Override
    public void send(MailMessage message) {
      if (failures > 0) {
        failures--;
        throw new MailException("smtp down", null);
      }
      sent.add(message);
    }
  }

  @Test
  void sends_when_due_once_and_retries_a_failure_later() {
    FakeClock clock = FakeClock.atFixedStart();
    try (Database db = TestDatabases.sqlite()) {
      MailOutbox outbox = new JdbcMailOutbox(db.jdbi());
      FlakyMailer mailer = new FlakyMailer();
      OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, mailer, clock);
      outbox.enqueue("k", MAIL, clock.millis() + 10_000, clock.millis());

      assertThat(dispatcher.dispatchDue()).as("not yet due").isZero();
      clock.advance(Duration.ofSeconds(10));
      mailer.failures = 1;
      assertThat(dispatcher.dispatchDue()).isZero();
      assertThat(dispatcher.dispatchDue()).as("waits for its retry").isZero();
      clock.advance(OutboxDispatcher.FIRST_RETRY);
      assertThat(dispatcher.dispatchDue()).isEqualTo(1);
      assertThat(dispatcher.dispatchDue()).as("once").isZero();
      clock.advance(Duration.ofDays(1));
      assertThat(dispatcher.dispatchDue()).isZero();
      assertThat(mailer.sent).containsExactly(MAIL);
    }
  }

  @Test
  void gives_up_after_the_last_attempt() {
    FakeClock clock = FakeClock.atFixedStart();
    try (Database db = TestDatabases.sqlite()) {
      MailOutbox outbox = new JdbcMailOutbox(db.jdbi());
      FlakyMailer mailer = new FlakyMailer();
      mailer.failures = Integer.MAX_VALUE;
      OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, mailer, clock);
      outbox.enqueue("k", MAIL, clock.millis(), clock.millis());
      for (int i = 0; i < OutboxDispatcher.MAX_ATTEMPTS + 3; i++) {
        dispatcher.dispatchDue();
        clock.advance(Duration.ofDays(2));
      }
      MailOutbox.Entry entry = outbox.find("k").orElseThrow();
      assertThat(entry.attempts()).isEqualTo(OutboxDispatcher.MAX_ATTEMPTS);
      assertThat(entry.givenUpAt()).isNotNull();
      assertThat(entry.sentAt()).isNull();
    }
  }
}
