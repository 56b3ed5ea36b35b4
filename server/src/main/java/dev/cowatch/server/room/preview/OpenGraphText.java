package dev.cowatch.server.room.preview;

import dev.cowatch.server.platform.http.LinkPreview;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A preview in words for a messenger's card. English: a messenger fetching a link sends no language
 * the reader chose, and the page itself (in the reader's language) says the rest once opened.
 */
final class OpenGraphText {
  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private OpenGraphText() {}

  static LinkPreview of(RoomPreview p, String url, String base) {
    RoomPreview.Details d = p.details();
    // A private room's name is not told to a stranger, so neither to a messenger's card.
    String title = p.name() == null ? "A private room" : p.name();
    if (d == null) return new LinkPreview(title, locked(p.refusal()), url, null);
    StringBuilder text = new StringBuilder();
    RoomPreview.Playing playing = d.playing();
    if (d.startsAtMs() != null) {
      text.append("Starts ").append(START.format(Instant.ofEpochMilli(d.startsAtMs()))).append(": ")
          .append(playing.title()).append('.');
    } else if (playing != null) {
      text.append(switch (playing.state()) {
        case "playing" -> "Playing ";
        case "waiting" -> "Waiting to play ";
        default -> "Paused: ";
      }).append(playing.title()).append(" at ").append(clock(playing.positionMs())).append('.');
    } else {
      text.append("Nothing playing yet.");
    }
    text.append(' ').append(present(d.presentCount(), d.presentNames()));
    if (d.owner() != null) text.append(" Room of ").append(d.owner()).append('.');
    if ("room_full".equals(p.refusal())) text.append(" The room is full.");
    String image = playing == null || playing.posterPath() == null ? null : base + playing.posterPath();
    return new LinkPreview(title, text.toString(), url, image);
  }

  private static String locked(String refusal) {
    return switch (refusal) {
      case "password_required" -> "A room on Cowatch. Its password is needed to enter.";
      case "invite_required" -> "A private room on Cowatch. An invite is needed to enter.";
      default -> "A room on Cowatch.";
    };
  }

  private static String present(int count, List<String> names) {
    if (count == 0) return "Nobody is here yet.";
    String listed = String.join(", ", names);
    int others = count - names.size();
    if (others > 0) listed += " and " + others + (others == 1 ? " other" : " others");
    return listed + (count == 1 ? " is here." : " are here.");
  }

  /** 12:31 or 1:02:03, as the player shows it. */
  static String clock(long ms) {
    long s = ms / 1000;
    long h = s / 3600;
    long m = s / 60 % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60) : String.format(Locale.ROOT, "%d:%02d", m, s % 60);
  }
}
