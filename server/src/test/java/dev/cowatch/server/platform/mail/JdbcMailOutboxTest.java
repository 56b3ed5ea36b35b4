package dev.cowatch.server.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcMailOutboxTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final MailMessage MAIL = new MailMessage("ann@example.org", "Reminder", "starts soon");

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void a_key_is_queued_once_and_due_mail_is_claimed_by_one(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      MailOutbox outbox = new JdbcMailOutbox(d.jdbi());
      assertThat(outbox.enqueue("reminder:s1:ann", MAIL, T0 + 1_000, T0)).isTrue();
      assertThat(outbox.enqueue("reminder:s1:ann", MAIL, T0 + 5_000, T0)).as("same key").isFalse();
      assertThat(outbox.enqueue(null, MAIL, T0, T0)).isTrue();
      assertThat(outbox.enqueue(null, MAIL, T0, T0)).as("no key: no dedupe").isTrue();

      assertThat(outbox.due(T0, 10)).hasSize(2);
      assertThat(outbox.due(T0 + 1_000, 10)).hasSize(3);
      long id = outbox.find("reminder:s1:ann").orElseThrow().id();
      assertThat(outbox.claim(id, T0 + 1_000, T0 + 61_000)).isPresent();
      assertThat(outbox.claim(id, T0 + 1_001, T0 + 61_001)).as("leased").isEmpty();
      assertThat(outbox.due(T0 + 2_000, 10)).doesNotContain(id);
      assertThat(outbox.due(T0 + 61_000, 10)).as("lease over").contains(id);
      outbox.markSent(id, T0 + 2_000);
      assertThat(outbox.claim(id, T0 + 70_000, T0 + 90_000)).as("sent").isEmpty();
      assertThat(outbox.find("reminder:s1:ann").orElseThrow().sentAt()).isEqualTo(T0 + 2_000);
      assertThat(outbox.enqueue("reminder:s1:ann", MAIL, T0, T0)).as("sent once, never again").isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void failures_wait_for_their_retry_and_unsent_mail_can_move_or_go(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      MailOutbox outbox = new JdbcMailOutbox(d.jdbi());
      outbox.enqueue("reminder:s1:ann", MAIL, T0, T0);
      outbox.enqueue("reminder:s1:bob", MAIL, T0, T0);
      outbox.enqueue("reminder:s10:cy", MAIL, T0, T0);
      long ann = outbox.find("reminder:s1:ann").orElseThrow().id();
      outbox.claim(ann, T0, T0 + 1_000);
      outbox.markFailed(ann, "connection refused", T0 + 60_000, T0);
      assertThat(outbox.due(T0 + 59_999, 10)).doesNotContain(ann);
      assertThat(outbox.due(T0 + 60_000, 10)).contains(ann);
      MailOutbox.Entry failed = outbox.find("reminder:s1:ann").orElseThrow();
      assertThat(failed.attempts()).isEqualTo(1);
      assertThat(failed.lastError()).isEqualTo("connection refused");

      outbox.claim(ann, T0 + 60_000, T0 + 61_000);
      outbox.markFailed(ann, "still refused", null, T0 + 60_000);
      assertThat(outbox.find("reminder:s1:ann").orElseThrow().givenUpAt()).isEqualTo(T0 + 60_000);
      assertThat(outbox.due(T0 + 1_000_000, 10)).doesNotContain(ann);

      assertThat(outbox.reschedule("reminder:s1:bob", T0 + 500_000)).isTrue();
      assertThat(outbox.due(T0 + 499_999, 10)).hasSize(1);
      assertThat(outbox.cancelUnsent("reminder:s1:")).as("not s10, not the given-up one").isEqualTo(1);
      assertThat(outbox.find("reminder:s1:bob")).isEmpty();
      assertThat(outbox.find("reminder:s10:cy")).isPresent();
      assertThat(outbox.cancelUnsent("reminder:s_")).as("_ is literal").isZero();
    }
  }
}
