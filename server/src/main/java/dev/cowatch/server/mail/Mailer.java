package dev.cowatch.server.mail;

/** Port: delivers a plain-text mail. Implementations throw {@link MailException} when it cannot be handed over. */
public interface Mailer {
  void send(MailMessage message);
}
