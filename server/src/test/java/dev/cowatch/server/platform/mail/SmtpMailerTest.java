package dev.cowatch.server.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP adapter against GreenMail, a real SMTP server in-process. */
class SmtpMailerTest {
  @RegisterExtension
  final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("cowatch", "s3cret-pass"));

  @Test
  void send_deliversPlainUtf8Text_withAuthentication() throws Exception {
    SmtpMailer mailer = new SmtpMailer(new SmtpConfig("127.0.0.1", mail.getSmtp().getPort(), "cowatch", "s3cret-pass",
        "Cowatch <noreply@example.test>", false));

    mailer.send(new MailMessage("zoe@example.org", "Zoë's link ✓", "Hello Zoë,\nhttps://x.test/verify?token=a-b_c\n"));

    MimeMessage[] received = mail.getReceivedMessagesForDomain("zoe@example.org");
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Zoë's link ✓");
    assertThat(received[0].getFrom()[0].toString()).contains("noreply@example.test");
    assertThat((String) received[0].getContent()).contains("Hello Zoë,").contains("verify?token=a-b_c");
  }

  @Test
  void anUnreachableServer_isAMailException() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SmtpMailer mailer = new SmtpMailer(new SmtpConfig("127.0.0.1", closedPort, null, null, "a@example.test", false));

    assertThatThrownBy(() -> mailer.send(new MailMessage("b@example.org", "s", "t")))
        .isInstanceOf(MailException.class).hasMessageContaining("127.0.0.1:" + closedPort);
  }

  @Test
  void theConfigNeverPrintsThePassword() {
    assertThat(new SmtpConfig("h", 25, "u", "s3cret-pass", "f@x.test", true).toString()).doesNotContain("s3cret-pass");
  }
}
