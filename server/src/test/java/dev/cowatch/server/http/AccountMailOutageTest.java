package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault: the mail server is down when someone signs up. The verification mail must wait in the outbox
 * and go out once SMTP is back, not be dropped with a line in the log.
 */
class AccountMailOutageTest {

  @Test
  void verificationMail_whileSmtpIsDown_isQueuedAndSentOnceWhenItIsBack() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    try (AccountServer api = new AccountServer(port)) {
      var registered = api.post("/api/auth/register",
          "{\"email\":\"zoe@example.org\",\"password\":\"correct horse battery\",\"displayName\":\"Zoe\"}");
      assertThat(registered.status()).as("signing up does not wait for the mail server").isEqualTo(201);

      smtp.start();
      api.clock.advance(Duration.ofMinutes(1)); // the outbox's first retry pause
      assertThat(api.server.outboxDispatcher().dispatchDue()).isEqualTo(1);
      api.clock.advance(Duration.ofHours(3));
      assertThat(api.server.outboxDispatcher().dispatchDue()).as("once").isZero();

      MimeMessage[] received = smtp.getReceivedMessagesForDomain("zoe@example.org");
      assertThat(received).hasSize(1);
      assertThat(received[0].getSubject()).isEqualTo("Confirm your email for Cowatch");
      assertThat((String) received[0].getContent()).contains(AccountServer.PUBLIC_URL + "/verify?token=");
    } finally {
      smtp.stop();
    }
  }
}
