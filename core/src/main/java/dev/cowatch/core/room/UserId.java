package dev.cowatch.core.room;

import java.util.regex.Pattern;

/**
 * Who someone is across rooms and sessions: an account or a guest identity. Issued by the
 * identity service; a guest who registers keeps the same id, and with it their rooms.
 */
public record UserId(String value) {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{4,40}");

  public UserId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("a user id is 4-40 letters, digits, '-' or '_'");
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
