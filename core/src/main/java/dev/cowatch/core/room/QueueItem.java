package dev.cowatch.core.room;

import java.util.regex.Pattern;

/**
 * One video waiting in a room's queue.
 *
 * @param id the server's name for this entry (two entries may hold the same media)
 * @param title what people see; may be empty, then clients show the media id
 */
public record QueueItem(String id, String mediaId, String title) {
  public static final int MAX_TITLE_LENGTH = 200;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public QueueItem {
    if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("bad queue item id");
    if (mediaId == null || mediaId.isBlank() || mediaId.length() > ControlRules.MAX_MEDIA_ID_LENGTH) {
      throw new IllegalArgumentException("media id must be 1-" + ControlRules.MAX_MEDIA_ID_LENGTH + " characters");
    }
    title = title == null ? "" : title.strip();
    if (title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
      throw new IllegalArgumentException("a title has at most " + MAX_TITLE_LENGTH + " characters");
    }
  }
}
