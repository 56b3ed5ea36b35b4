package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.secret.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Short-lived signed streaming URLs: {@code /api/media/<id>/stream?u=<userId>&exp=<ms>&sig=<mac>},
 * where the MAC is HMAC-SHA256 (key {@code secrets.derive("media-url")}) over the media id, the user
 * the URL was issued to and the expiry. A {@code <video>} element cannot send an Authorization
 * header, so the URL itself carries the permission; the user id makes a leaked URL traceable in the
 * logs. A URL stays valid until it expires even if its user loses access meanwhile.
 */
public final class MediaUrls {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final Hmac.Keyed key;

  public MediaUrls(byte[] key) {
    if (key.length < 32) throw new IllegalArgumentException("the media URL key must be at least 32 bytes");
    this.key = Hmac.keyed(key);
  }

  /** A URL issued to someone, valid until {@code expiresAt}. */
  public record Signed(String path, long expiresAt) {}

  public Signed sign(String mediaId, UserId user, long expiresAt) {
    return new Signed(path(mediaId) + "?" + query(mediaId, user, expiresAt), expiresAt);
  }

  /**
   * The same permission for the item's poster: one signature covers everything of one item that a viewer loads
   * (stream, poster), so the query is the same and only the path differs.
   */
  public Signed signPoster(String mediaId, UserId user, long expiresAt) {
    return new Signed(posterPath(mediaId) + "?" + query(mediaId, user, expiresAt), expiresAt);
  }

  /** {@code u=<userId>&exp=<ms>&sig=<mac>}: what any signed route of the item checks with {@link #check}. */
  public String query(String mediaId, UserId user, long expiresAt) {
    return "u=" + user.value() + "&exp=" + expiresAt + "&sig=" + mac(mediaId, user.value(), expiresAt);
  }

  public static String path(String mediaId) {
    return "/api/media/" + mediaId + "/stream";
  }

  public static String posterPath(String mediaId) {
    return "/api/media/" + mediaId + "/poster";
  }

  /** Why a URL is refused, or {@link Check#VALID}. */
  public enum Check { VALID, MALFORMED, FORGED, EXPIRED }

  /** Checks the query parameters of a streaming request (any may be null) at {@code nowMs}. */
  public Check check(String mediaId, String user, String exp, String sig, long nowMs) {
    if (mediaId == null || user == null || exp == null || sig == null || !UserId.isValid(user)) return Check.MALFORMED;
    long expiresAt;
    try {
      expiresAt = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return Check.MALFORMED;
    }
    byte[] expected = mac(mediaId, user, expiresAt).getBytes(StandardCharsets.US_ASCII);
    if (!Hmac.equal(expected, sig.getBytes(StandardCharsets.US_ASCII))) return Check.FORGED;
    return nowMs < expiresAt ? Check.VALID : Check.EXPIRED;
  }

  private String mac(String mediaId, String user, long expiresAt) {
    // Newlines cannot occur in ids: the fields cannot run into each other.
    String message = "media-url/v1\n" + mediaId + "\n" + user + "\n" + expiresAt;
    return B64.encodeToString(key.sign(message.getBytes(StandardCharsets.UTF_8)));
  }
}
