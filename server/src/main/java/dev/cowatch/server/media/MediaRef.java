package dev.cowatch.server.media;

import java.util.Optional;
import java.util.regex.Pattern;

/** Media ids, and how a room's timeline names library media: {@code media:<id>}. */
public final class MediaRef {
  public static final String PREFIX = "media:";
  private static final Pattern ID = Pattern.compile("[a-z0-9]{8,40}");

  private MediaRef() {}

  /** True for the shape this server gives media ids; anything else is not one of ours. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The library item a timeline's media id names, if it names one. */
  public static Optional<String> idOf(String roomMediaId) {
    if (roomMediaId == null || !roomMediaId.startsWith(PREFIX)) return Optional.empty();
    String id = roomMediaId.substring(PREFIX.length());
    return isValidId(id) ? Optional.of(id) : Optional.empty();
  }
}
