package dev.cowatch.server.platform.mail;

/** Port: delivers a plain-text mail. Implementations throw {@link MailException} when it cannot be handed over. */
public interface Mailer {
  void send(MailMessage message);
}
