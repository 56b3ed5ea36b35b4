package dev.cowatch.server.platform.mail;

/**
 * Where mail goes out.
 *
 * @param user empty or null when the server accepts mail without authentication
 * @param startTls upgrade the connection with STARTTLS (and refuse to send without it)
 */
public record SmtpConfig(String host, int port, String user, String password, String from, boolean startTls) {
  public SmtpConfig {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("smtp host required");
    if (port < 1 || port > 65_535) throw new IllegalArgumentException("smtp port must be 1-65535");
    if (from == null || from.isBlank()) throw new IllegalArgumentException("smtp from address required");
  }

  public boolean authenticates() {
    return user != null && !user.isBlank();
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "SmtpConfig[" + host + ":" + port + ", user=" + (authenticates() ? user : "-") + ", from=" + from
        + ", startTls=" + startTls + "]";
  }
}
