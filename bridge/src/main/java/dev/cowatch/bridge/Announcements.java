package dev.cowatch.bridge;

import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage;
import java.util.Locale;
import java.util.Optional;

/** The lines a viewer reads about the room in the terminal and over the video. Pure. */
final class Announcements {
  private Announcements() {}

  /** "Ann paused at 12:31" for someone else's change; empty for one's own, a join snapshot, or the room's bookkeeping. */
  static Optional<String> timeline(Timeline t, ServerMessage.CauseView cause, String selfId) {
    if (cause == null || cause.intent() == null || (selfId != null && selfId.equals(cause.memberId()))) return Optional.empty();
    String who = cause.name() != null ? cause.name() : cause.memberId() == null ? "The room" : "Someone";
    String at = clock(t.anchorPositionMs());
    return switch (cause.intent()) {
      case "play" -> Optional.of(who + " played from " + at);
      case "pause" -> Optional.of(who + " paused at " + at);
      case "seek" -> Optional.of(who + " jumped to " + at);
      case "setRate" -> Optional.of(String.format(Locale.ROOT, "%s set the speed to %.2fx", who, t.rate()));
      case "setMedia" -> Optional.of(who + " changed the video");
      case "buffering" -> Optional.of(who + " is buffering; the room waits");
      case "waitTimeout" -> Optional.of("The room plays on without those still buffering");
      default -> Optional.empty();
    };
  }

  /** Timeline changes the room also writes as system chat lines: {@link #timeline} says them already. */
  private static final java.util.Set<String> TIMELINE_EVENTS = java.util.Set.of("play", "pause", "seek", "setMedia");

  /**
   * A chat line as the viewer reads it: "Ann: hi" for a person's, the room's own wording for a system line
   * ("Ann joined"); empty for a system line about a timeline change, announced from the timeline itself.
   */
  static Optional<String> chat(ServerMessage.ChatView c) {
    if ("system".equals(c.kind())) {
      if (c.event() != null && TIMELINE_EVENTS.contains(c.event().type())) return Optional.empty();
      return Optional.of(c.text());
    }
    return Optional.of((c.name() == null ? "?" : c.name()) + ": " + c.text());
  }

  /** 75_000 -> "1:15", 3_725_000 -> "1:02:05". */
  static String clock(long ms) {
    long s = Math.max(0, ms) / 1000;
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
