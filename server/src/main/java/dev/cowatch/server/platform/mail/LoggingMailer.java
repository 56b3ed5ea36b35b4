package dev.cowatch.server.platform.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default when no SMTP server is configured: the mail, links included, goes to the log,
 * so whoever runs a private server can still verify and reset accounts by reading it.
 */
public final class LoggingMailer implements Mailer {
  private static final Logger log = LoggerFactory.getLogger(LoggingMailer.class);

  @Override
  public void send(MailMessage message) {
    log.info("mail (no SMTP configured) to={} subject=\"{}\"\n{}", message.to(), message.subject(), message.text());
  }
}
