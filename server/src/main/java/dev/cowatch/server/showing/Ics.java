package dev.cowatch.server.showing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A showing as an iCalendar file (RFC 5545) to add to a calendar: one event in UTC, with the link in
 * the URL and description. Text is escaped and lines are folded at 75 octets, as the RFC asks.
 */
public final class Ics {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  /** When the last episode's length is not known, calendars still need an end: this after it starts. */
  static final long UNKNOWN_LENGTH_MS = 2 * 3_600_000L;

  private Ics() {}

  public static String event(Showing s, String link, String host, long nowMs) {
    long end = s.endsAtMs() != null ? s.endsAtMs() : s.episodeStartMs(s.episodes().size() - 1) + UNKNOWN_LENGTH_MS;
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Cowatch//Showings//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "BEGIN:VEVENT");
    line(out, "UID:showing-" + s.id() + "@" + host);
    line(out, "DTSTAMP:" + UTC.format(Instant.ofEpochMilli(nowMs)));
    line(out, "DTSTART:" + UTC.format(Instant.ofEpochMilli(s.startsAtMs())));
    line(out, "DTEND:" + UTC.format(Instant.ofEpochMilli(end)));
    line(out, "SUMMARY:" + text(s.title()));
    String description = (s.description() == null || s.description().isBlank() ? "" : s.description() + "\n\n")
        + "Watch together on Cowatch: " + link;
    line(out, "DESCRIPTION:" + text(description));
    line(out, "URL:" + link);
    if (s.status() == Showing.Status.CANCELLED) line(out, "STATUS:CANCELLED");
    line(out, "BEGIN:VALARM");
    line(out, "ACTION:DISPLAY");
    line(out, "DESCRIPTION:" + text(s.title()));
    line(out, "TRIGGER:-PT15M");
    line(out, "END:VALARM");
    line(out, "END:VEVENT");
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** TEXT value escaping: backslash, semicolon, comma and newlines. */
  static String text(String value) {
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
        .replace("\n", "\\n").replace("\r", "\\n");
  }

  /** Appends one content line, folded so no physical line passes 75 octets, never inside a UTF-8 sequence. */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    int i = 0;
    while (i < content.length()) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > 75) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }
}
