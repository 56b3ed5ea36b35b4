package dev.cowatch.server.chat;

import java.util.Locale;
import java.util.Objects;

/**
 * What a system line in the chat reports: someone joined or left, played, paused or jumped (and
 * where), changed the video, the showing's programme moved on, someone was muted or unmuted.
 */
public record ChatEvent(Type type, String name, Long positionMs) {

  public enum Type {
    JOINED, LEFT, PLAY, PAUSE, SEEK, SET_MEDIA, SCHEDULE, MUTED, UNMUTED;

    public String wire() {
      return switch (this) {
        case SET_MEDIA -> "setMedia";
        default -> name().toLowerCase(Locale.ROOT);
      };
    }

    public static Type fromWire(String wire) {
      for (Type t : values()) if (t.wire().equals(wire)) return t;
      throw new IllegalArgumentException("no chat event " + wire);
    }
  }

  public ChatEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }

  /** The line in English, for clients that do not word events themselves. */
  public String english() {
    return switch (type) {
      case JOINED -> name + " joined";
      case LEFT -> name + " left";
      case PLAY -> name + " played from " + clock(positionMs);
      case PAUSE -> name + " paused at " + clock(positionMs);
      case SEEK -> name + " jumped to " + clock(positionMs);
      case SET_MEDIA -> name + " changed the video";
      case SCHEDULE -> "The showing moves on";
      case MUTED -> name + " was muted";
      case UNMUTED -> name + " may write again";
    };
  }

  /** 12:31 or 1:02:03. */
  static String clock(Long ms) {
    long s = ms == null ? 0 : Math.max(0, ms) / 1000;
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
