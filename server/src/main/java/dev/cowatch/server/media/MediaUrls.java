package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.secret.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Short-lived signed URLs for an item's files: {@code <path>?u=<userId>&exp=<ms>&sig=<mac>}, where the MAC is
 * HMAC-SHA256 (key {@code secrets.derive("media-url")}) over what the URL opens ({@link Target}: the kind of file,
 * the item and, for subtitles, the track), the user it was issued to and the expiry. A {@code <video>},
 * {@code <img>} or {@code <track>} element cannot send an Authorization header, so the URL itself carries the
 * permission; the user id makes a leaked URL traceable in the logs. A URL stays valid until it expires even if its
 * user loses access meanwhile.
 *
 * <p>The kind is signed because the URLs go to different audiences: a room preview shows strangers a poster
 * signed as the owner, and that URL must not open the film (issue 51, finding 2). Version 2 of the signed message
 * added the kind; version 1 URLs (which opened every file of an item) no longer check.
 */
public final class MediaUrls {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  /** Changed whenever the signed fields change, so that URLs signed the old way stop working. */
  private static final String VERSION = "media-url/v2";
  private final Hmac.Keyed key;

  public MediaUrls(byte[] key) {
    if (key.length < 32) throw new IllegalArgumentException("the media URL key must be at least 32 bytes");
    this.key = Hmac.keyed(key);
  }

  /** Which file of an item a URL opens; each route checks its own kind. */
  public enum Kind {
    STREAM, POSTER, SUBTITLE;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What one signed URL opens. Built from a request's path parameters too, so any field may be anything;
   * {@link #check} refuses what no URL was signed for.
   *
   * @param trackId the subtitle track for {@link Kind#SUBTITLE}; null for the other kinds
   */
  public record Target(Kind kind, String mediaId, String trackId) {
    public Target {
      Objects.requireNonNull(kind, "kind");
      if ((kind == Kind.SUBTITLE) != (trackId != null)) {
        throw new IllegalArgumentException("a track id goes with subtitle URLs, and only with them");
      }
    }

    public static Target stream(String mediaId) {
      return new Target(Kind.STREAM, mediaId, null);
    }

    public static Target poster(String mediaId) {
      return new Target(Kind.POSTER, mediaId, null);
    }

    /** A subtitle track's file; {@code trackId} null (absent from a request) is taken as an empty, unsigned one. */
    public static Target subtitle(String mediaId, String trackId) {
      return new Target(Kind.SUBTITLE, mediaId, trackId == null ? "" : trackId);
    }

    /** The route's path, without the query. */
    public String path() {
      return switch (kind) {
        case STREAM -> MediaUrls.path(mediaId);
        case POSTER -> posterPath(mediaId);
        case SUBTITLE -> "/api/media/" + mediaId + "/subtitles/" + trackId + ".vtt";
      };
    }
  }

  /** A URL issued to someone, valid until {@code expiresAt}. */
  public record Signed(String path, long expiresAt) {}

  public Signed sign(Target target, UserId user, long expiresAt) {
    if (!signable(target.mediaId()) || !signable(target.trackId())) {
      throw new IllegalArgumentException("cannot sign a URL for " + target);
    }
    String query = "u=" + user.value() + "&exp=" + expiresAt + "&sig=" + mac(target, user.value(), expiresAt);
    return new Signed(target.path() + "?" + query, expiresAt);
  }

  /** The item's stream. */
  public Signed sign(String mediaId, UserId user, long expiresAt) {
    return sign(Target.stream(mediaId), user, expiresAt);
  }

  /** The item's poster only: what a room preview may show a stranger. */
  public Signed signPoster(String mediaId, UserId user, long expiresAt) {
    return sign(Target.poster(mediaId), user, expiresAt);
  }

  /** One subtitle track's file only. */
  public Signed signSubtitle(String mediaId, String trackId, UserId user, long expiresAt) {
    return sign(Target.subtitle(mediaId, Objects.requireNonNull(trackId, "trackId")), user, expiresAt);
  }

  public static String path(String mediaId) {
    return "/api/media/" + mediaId + "/stream";
  }

  public static String posterPath(String mediaId) {
    return "/api/media/" + mediaId + "/poster";
  }

  /** Why a URL is refused, or {@link Check#VALID}. */
  public enum Check { VALID, MALFORMED, FORGED, EXPIRED }

  /**
   * Checks the query parameters of a request for {@code target} (the route asked for; any parameter may be null)
   * at {@code nowMs}: valid only when they were signed for exactly that target.
   */
  public Check check(Target target, String user, String exp, String sig, long nowMs) {
    if (target.mediaId() == null || user == null || exp == null || sig == null || !UserId.isValid(user)
        || !signable(target.mediaId()) || !signable(target.trackId())) {
      return Check.MALFORMED;
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return Check.MALFORMED;
    }
    byte[] expected = mac(target, user, expiresAt).getBytes(StandardCharsets.US_ASCII);
    if (!Hmac.equal(expected, sig.getBytes(StandardCharsets.US_ASCII))) return Check.FORGED;
    return nowMs < expiresAt ? Check.VALID : Check.EXPIRED;
  }

  /** The fields are joined by newlines: one in a field (a decoded {@code %0A} in a path) could shift them. */
  private static boolean signable(String field) {
    return field == null || field.indexOf('\n') < 0;
  }

  private String mac(Target target, String user, long expiresAt) {
    String message = VERSION + "\n" + target.kind().wire() + "\n" + target.mediaId() + "\n"
        + (target.trackId() == null ? "" : target.trackId()) + "\n" + user + "\n" + expiresAt;
    return B64.encodeToString(key.sign(message.getBytes(StandardCharsets.UTF_8)));
  }
}
