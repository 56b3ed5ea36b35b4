package dev.cowatch.server.account;

import dev.cowatch.server.platform.mail.MailException;
import dev.cowatch.server.platform.mail.MailMessage;
import dev.cowatch.server.platform.mail.Mailer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification and password-reset mails. Sending happens after the transaction that stored the
 * token has committed; a mail server that is down is logged, not turned into a failed request (the
 * account exists either way, and the user can ask for another mail).
 */
final class AccountMails {
  private static final Logger log = LoggerFactory.getLogger(AccountMails.class);

  private final Mailer mailer;
  private final Supplier<String> publicUrl;

  AccountMails(Mailer mailer, Supplier<String> publicUrl) {
    this.mailer = mailer;
    this.publicUrl = publicUrl;
  }

  void sendVerification(String to, String displayName, String token, Duration validFor) {
    String link = link("/verify", token);
    send(new MailMessage(to, "Confirm your email for Cowatch", """
        Hello %s,

        please confirm that this is your email address by opening this link:

        %s

        The link works once and for %s. If you did not sign up for Cowatch, ignore this mail.
        """.formatted(displayName, link, human(validFor))));
  }

  void sendPasswordReset(String to, String displayName, String token, Duration validFor) {
    String link = link("/reset-password", token);
    send(new MailMessage(to, "Reset your Cowatch password", """
        Hello %s,

        someone (hopefully you) asked to reset the password of your Cowatch account. To choose a new
        password, open this link:

        %s

        The link works once and for %s. Setting a new password signs you out everywhere.
        If you did not ask for this, ignore this mail: your password stays as it is.
        """.formatted(displayName, link, human(validFor))));
  }

  private String link(String path, String token) {
    return publicUrl.get() + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  private void send(MailMessage message) {
    try {
      mailer.send(message);
    } catch (MailException e) {
      log.error("mail to {} not sent: {}", message.to(), e.getMessage());
    }
  }

  private static String human(Duration d) {
    return d.toHours() >= 1 && d.toMinutesPart() == 0 ? d.toHours() + (d.toHours() == 1 ? " hour" : " hours")
        : d.toMinutes() + " minutes";
  }
}
