package dev.cowatch.server.showing;

import dev.cowatch.server.platform.mail.MailMessage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** The invitation and reminder mails of a showing; times in the zone the showing was planned in. */
final class ShowingMails {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
      .withLocale(Locale.ENGLISH);

  private ShowingMails() {}

  static String when(Showing s) {
    return WHEN.format(Instant.ofEpochMilli(s.startsAtMs()).atZone(s.zone())) + " (" + s.zone().getId() + ")";
  }

  static MailMessage invitation(Showing s, String to, String toName, String fromName, String link) {
    return new MailMessage(to, fromName + " invites you to \"" + s.title() + "\"", """
        Hello %s,

        %s invites you to watch "%s" together on Cowatch.

        Starts: %s
        %s
        Say whether you are coming, add it to your calendar, and join from here:
        %s
        """.formatted(toName, fromName, s.title(), when(s), episodes(s), link));
  }

  static MailMessage reminder(Showing s, String to, String toName, String link) {
    return new MailMessage(to, "Starting soon: \"" + s.title() + "\"", """
        Hello %s,

        "%s" starts %s.
        Everyone starts on the same frame; come a minute early to be there from the first one:
        %s
        """.formatted(toName, s.title(), when(s), link));
  }

  private static String episodes(Showing s) {
    if (s.episodes().size() == 1) return "";
    StringBuilder out = new StringBuilder("Episodes:\n");
    for (int i = 0; i < s.episodes().size(); i++) {
      out.append("  ").append(i + 1).append(". ").append(s.episodes().get(i).title()).append('\n');
    }
    return out.toString();
  }
}
