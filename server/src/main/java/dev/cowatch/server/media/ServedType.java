package dev.cowatch.server.media;

import java.util.regex.Pattern;

/**
 * How an item's bytes are served: as the video or audio type the probe (or the conversion) found, which a
 * browser plays and never runs, or, for anything else, as {@code application/octet-stream} to be saved, never
 * shown. A type the uploader declared is no evidence of what the bytes are: with the media tools absent an upload
 * declared {@code text/html} or {@code image/svg+xml} would otherwise run its script on Cowatch's origin (issue 51,
 * finding 3). Items stored before this rule may still hold a declared type; they are judged here too. Pure.
 *
 * @param contentType the {@code Content-Type} to send
 * @param attachment whether {@code Content-Disposition: attachment} goes with it
 */
public record ServedType(String contentType, boolean attachment) {
  public static final String UNCHECKED = "application/octet-stream";
  /** A plain video or audio type: no parameters, nothing a browser could take for a document. */
  private static final Pattern PLAYABLE = Pattern.compile("(?:video|audio)/[a-z0-9][a-z0-9.+-]{0,100}");

  public static ServedType of(String storedType) {
    return storedType != null && PLAYABLE.matcher(storedType).matches()
        ? new ServedType(storedType, false)
        : new ServedType(UNCHECKED, true);
  }

  /** The type to record for a processed upload: the probe's, else (not checked, or not a type browsers play) none. */
  public static String recorded(java.util.Optional<String> probed) {
    return probed.filter(t -> PLAYABLE.matcher(t).matches()).orElse(UNCHECKED);
  }
}
