package dev.cowatch.server.platform.mail;

/** One plain-text mail to one recipient. */
public record MailMessage(String to, String subject, String text) {
  public MailMessage {
    if (to == null || to.isBlank()) throw new IllegalArgumentException("a mail needs a recipient");
    if (subject == null || text == null) throw new IllegalArgumentException("a mail needs a subject and a text");
  }
}
