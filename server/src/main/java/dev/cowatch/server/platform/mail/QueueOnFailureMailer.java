package dev.cowatch.server.platform.mail;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends at once, and when the mail server cannot take it, puts the mail in the {@link MailOutbox} so
 * the {@link OutboxDispatcher} retries it with its backoff. For mail sent from a request (verification,
 * password reset): the request stays fast when SMTP works, and an outage loses nothing.
 */
public final class QueueOnFailureMailer implements Mailer {
  private static final Logger log = LoggerFactory.getLogger(QueueOnFailureMailer.class);

  private final Mailer direct;
  private final MailOutbox outbox;
  private final Clock clock;

  public QueueOnFailureMailer(Mailer direct, MailOutbox outbox, Clock clock) {
    this.direct = direct;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public void send(MailMessage message) {
    try {
      direct.send(message);
    } catch (MailException e) {
      long now = clock.millis();
      outbox.enqueue(null, message, now + OutboxDispatcher.FIRST_RETRY.toMillis(), now);
      log.warn("mail to {} queued for a retry: {}", message.to(), e.getMessage());
    }
  }
}
