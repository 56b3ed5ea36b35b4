package dev.cowatch.bridge;

import dev.cowatch.protocol.FileMediaId;
import java.io.IOException;
import java.util.Locale;

/**
 * What a room plays, asked before the player starts ({@code GET /api/rooms/{id}}): a viewer without a
 * file of their own watches the room's URL, or the room's uploaded video through a signed URL.
 */
final class RoomMedia {
  static final String UPLOAD_PREFIX = "media:";

  private RoomMedia() {}

  /** The URL the player opens for a viewer without a file, or a clear refusal. */
  static String playableUrl(RoomLink link, ServerApi api) throws IOException {
    String mediaId = api.roomMediaId(link.roomId());
    if (mediaId != null && mediaId.startsWith(UPLOAD_PREFIX)) {
      api.enterRoom(link.roomId());
      return api.uploadUrl(mediaId.substring(UPLOAD_PREFIX.length())).toString();
    }
    return playable(mediaId);
  }

  /** Pure: which media ids a player can open by themselves (uploads are asked of the server). */
  static String playable(String mediaId) throws IOException {
    if (mediaId == null || mediaId.isBlank()) {
      throw new IOException("the room has no video yet: give the file to play (its identity becomes the room's video)");
    }
    var file = FileMediaId.parse(mediaId);
    if (file.isPresent()) {
      throw new IOException(String.format(Locale.ROOT,
          "the room plays each viewer's own copy of a file (%,d bytes): give yours", file.get().sizeBytes()));
    }
    if (mediaId.startsWith("http://") || mediaId.startsWith("https://")) return mediaId;
    throw new IOException("the room plays a video the bridge does not know how to open: give your copy of the file");
  }
}
