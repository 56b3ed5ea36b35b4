package dev.cowatch.server.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cowatch.core.FakeClock;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fault: the mail server is down while mail is queued, then comes back on the same port. The real
 * outbox (SQLite) and the real SMTP adapter against GreenMail, stopped and started again.
 */
class SmtpOutageTest {
  private static final int MAILS = 5;

  @Test
  void smtpDown_keepsEveryMailQueued_andSendsEachExactlyOnceWhenItIsBack() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    FakeClock clock = FakeClock.atFixedStart();
    GreenMail smtp = new GreenMail(setup);
    smtp.start();
    try (Database db = TestDatabases.sqlite()) {
      MailOutbox outbox = new JdbcMailOutbox(db.jdbi());
      OutboxDispatcher dispatcher = new OutboxDispatcher(outbox,
          new SmtpMailer(new SmtpConfig("127.0.0.1", port, null, null, "noreply@example.test", false)), clock);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < MAILS; i++) {
        keys.add("outage:" + i);
        outbox.enqueue("outage:" + i, new MailMessage("u" + i + "@example.org", "mail " + i, "text " + i),
            clock.millis(), clock.millis());
      }

      smtp.stop();
      assertThat(dispatcher.dispatchDue()).as("nothing goes out while SMTP is down").isZero();
      for (String key : keys) {
        MailOutbox.Entry e = outbox.find(key).orElseThrow();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.sentAt()).isNull();
        assertThat(e.givenUpAt()).isNull();
        assertThat(e.lastError()).contains("127.0.0.1:" + port);
      }
      clock.advance(OutboxDispatcher.FIRST_RETRY.minusMillis(1));
      dispatcher.dispatchDue();
      assertThat(outbox.find(keys.get(0)).orElseThrow().attempts()).as("waits the first pause").isEqualTo(1);
      clock.advance(Duration.ofMillis(1));
      assertThat(dispatcher.dispatchDue()).as("still down on the second attempt").isZero();
      assertThat(outbox.find(keys.get(0)).orElseThrow().attempts()).isEqualTo(2);
      clock.advance(OutboxDispatcher.FIRST_RETRY.multipliedBy(2).minusMillis(1));
      dispatcher.dispatchDue();
      assertThat(outbox.find(keys.get(0)).orElseThrow().attempts()).as("the pause doubles").isEqualTo(2);

      smtp = new GreenMail(setup);
      smtp.start();
      clock.advance(Duration.ofMillis(1));
      assertThat(dispatcher.dispatchDue()).isEqualTo(MAILS);
      clock.advance(OutboxDispatcher.FIRST_RETRY.multipliedBy(100));
      assertThat(dispatcher.dispatchDue()).as("none twice").isZero();

      MimeMessage[] received = smtp.getReceivedMessages();
      List<String> subjects = new ArrayList<>();
      for (MimeMessage m : received) subjects.add(m.getSubject());
      assertThat(subjects).containsExactlyInAnyOrder("mail 0", "mail 1", "mail 2", "mail 3", "mail 4");
      for (String key : keys) {
        MailOutbox.Entry e = outbox.find(key).orElseThrow();
        assertThat(e.sentAt()).isNotNull();
        assertThat(e.attempts()).isEqualTo(3);
      }
    } finally {
      smtp.stop();
    }
  }
}
