package dev.cowatch.server.media.subtitle;

import java.util.Objects;

/**
 * One subtitle track of a media item; its WebVTT file is in the media store under
 * {@link #key(String, String)}.
 *
 * @param label what players show in their track menu, 1-100 characters
 * @param language a BCP 47 tag ({@code en}, {@code pt-BR}), or null when the uploader did not say
 * @param cues how many cues the converted file has
 * @param sizeBytes size of the converted WebVTT file
 * @param sourceFormat what was uploaded: {@code srt} or {@code vtt}
 * @param sourceCharset the encoding the upload was read in
 */
public record SubtitleTrack(String id, String mediaId, String label, String language, int cues, long sizeBytes,
    String sourceFormat, String sourceCharset, long createdAt) {

  public SubtitleTrack {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(sourceFormat, "sourceFormat");
    Objects.requireNonNull(sourceCharset, "sourceCharset");
  }

  /** Where a track's WebVTT file lives: inside its item's prefix, so deleting the item deletes it. */
  public static String key(String mediaId, String trackId) {
    return dev.cowatch.server.media.MediaKeys.itemPrefix(mediaId) + "subtitles/" + trackId + ".vtt";
  }
}
