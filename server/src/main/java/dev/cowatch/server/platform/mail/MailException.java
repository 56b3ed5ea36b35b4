package dev.cowatch.server.platform.mail;

/** The mail could not be handed to the mail server. */
public final class MailException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MailException(String message, Throwable cause) {
    super(message, cause);
  }
}
