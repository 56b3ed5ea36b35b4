package dev.cowatch.core.room;

import java.util.regex.Pattern;

/** A room's identity; short enough to read aloud, safe in a URL path. */
public record RoomId(String value) {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{4,64}");

  public RoomId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("a room id is 4-64 letters, digits, '-' or '_'");
    }
  }

  public static boolean isValid(String value) {
    return value != null && SHAPE.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
