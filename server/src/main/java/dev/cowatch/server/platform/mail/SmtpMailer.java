package dev.cowatch.server.platform.mail;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Sends through an SMTP server with Angus Mail (Jakarta Mail). */
public final class SmtpMailer implements Mailer {
  /** A mail server that does not answer within this long is down; the request should not hang on it. */
  private static final String TIMEOUT_MS = "10000";

  private final SmtpConfig config;
  private final Session session;

  public SmtpMailer(SmtpConfig config) {
    this.config = config;
    Properties p = new Properties();
    p.put("mail.smtp.host", config.host());
    p.put("mail.smtp.port", Integer.toString(config.port()));
    p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.put("mail.smtp.timeout", TIMEOUT_MS);
    p.put("mail.smtp.writetimeout", TIMEOUT_MS);
    p.put("mail.smtp.auth", Boolean.toString(config.authenticates()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
    Authenticator auth = config.authenticates() ? new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(config.user(), config.password() == null ? "" : config.password());
      }
    } : null;
    this.session = Session.getInstance(p, auth);
  }

  @Override
  public void send(MailMessage message) {
    try {
      MimeMessage mime = new MimeMessage(session);
      mime.setFrom(new InternetAddress(config.from()));
      mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
      mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      mime.setText(message.text(), StandardCharsets.UTF_8.name());
      Transport.send(mime);
    } catch (MessagingException e) {
      throw new MailException("cannot send mail through " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
  }
}
