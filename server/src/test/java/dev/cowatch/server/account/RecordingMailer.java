package dev.cowatch.server.account;

import dev.cowatch.server.platform.mail.MailMessage;
import dev.cowatch.server.platform.mail.Mailer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps sent mails in a list; finds the token in a mail's link. */
public final class RecordingMailer implements Mailer {
  private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");
  private final List<MailMessage> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(MailMessage message) {
    sent.add(message);
  }

  public List<MailMessage> sent() {
    return List.copyOf(sent);
  }

  public List<MailMessage> to(String address) {
    return sent.stream().filter(m -> m.to().equals(address)).toList();
  }

  /** The token of the newest mail to {@code address} whose link goes to {@code path}. */
  public String lastToken(String address, String path) {
    List<MailMessage> mails = to(address).stream().filter(m -> m.text().contains(path + "?token=")).toList();
    if (mails.isEmpty()) throw new AssertionError("no mail to " + address + " with a " + path + " link in " + sent);
    return tokenIn(mails.getLast().text());
  }

  public static String tokenIn(String text) {
    Matcher m = TOKEN.matcher(text);
    if (!m.find()) throw new AssertionError("no token link in: " + text);
    return m.group(1);
  }
}
