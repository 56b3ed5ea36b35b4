package dev.cowatch.server.media.http;

import dev.cowatch.server.media.MediaDelivery;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.ServedType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/**
 * A stream whose signed URL Cowatch has checked, handed to whoever moves bytes more cheaply
 * ({@link MediaDelivery}): nginx through {@code X-Accel-Redirect}, or the S3 store through a presigned
 * URL. Cowatch then sends no body; Range, If-Range and the validators are the proxy's or the store's
 * (nginx's static files: an ETag of the file's mtime and size, which never change for a stored item).
 *
 * <p>The grant carries the type as served ({@link ServedType}), {@code Content-Disposition} when the bytes are
 * unchecked, and the guard headers ({@link MediaHeaders}); the reference nginx location copies the type and the
 * disposition from the grant and adds {@code nosniff} and the sandbox itself (docs/operations.md). A presigned
 * store URL carries the type and the disposition; the store's own origin answers it, not Cowatch's.
 *
 * <p>The same answer is the grant the reference configuration asks for with {@code auth_request} and keeps in
 * its cache, so that a player's many ranges of one URL need not each cross to Cowatch: {@code X-Accel-Expires}
 * says how long, at most {@link #GRANT_KEPT} and never past the URL's own expiry.
 */
final class MediaOffload {
  /** S3's longest presigned URL (SigV4). */
  static final Duration MAX_PRESIGNED = Duration.ofDays(7);
  static final String ACCEL_HEADER = "X-Accel-Redirect";
  static final String ACCEL_EXPIRES = "X-Accel-Expires";
  /**
   * How long nginx may keep a grant. A signed URL is good until it expires whatever happens meanwhile, but
   * Cowatch also checks that the item is still there and ready: a minute bounds how late nginx learns it.
   */
  static final Duration GRANT_KEPT = Duration.ofMinutes(1);

  private final MediaDelivery delivery;
  private final Clock clock;

  MediaOffload(MediaDelivery delivery, Clock clock) {
    this.delivery = delivery;
    this.clock = clock;
  }

  /**
   * Makes the answer for the proxy or the store (status and headers; it has no body) and returns its status,
   * or returns 0 when Cowatch is to send the bytes itself. {@code expiresAt} (epoch ms): the checked URL's
   * expiry, which a presigned URL keeps.
   */
  int prepare(Response response, MediaItem item, MediaStore store, long expiresAt) {
    if (delivery.direct()) return 0;
    MediaItem.Derived served = item.served();
    ServedType type = ServedType.of(served.contentType());
    HttpFields.Mutable headers = response.getHeaders();
    if (delivery.accelPrefix() != null) {
      headers.put(ACCEL_HEADER, delivery.accelPrefix() + served.key());
      // nginx names ranges only on whole answers; a player that got a 206 first still learns it here.
      headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
      headers.put(HttpHeader.CACHE_CONTROL, MediaStream.CACHE_CONTROL);
      MediaHeaders.type(headers, type);
      headers.put(ACCEL_EXPIRES, grantKeptUntil(expiresAt));
      response.setStatus(200);
      return 200;
    }
    Optional<URI> signed = store.signedGet(served.key(), presignedFor(expiresAt), type.contentType(),
        MediaStream.CACHE_CONTROL, type.attachment() ? MediaHeaders.ATTACHMENT : null);
    if (signed.isEmpty()) return 0;
    // The redirect holds a credential valid for hours: no cache keeps it.
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put(HttpHeader.LOCATION, signed.get().toString());
    response.setStatus(302);
    return 302;
  }

  /**
   * {@code X-Accel-Expires} for a grant of a URL valid until {@code expiresAt} (epoch ms): {@code @} and the
   * epoch second until which nginx may keep it, rounded down so it never outlives the URL; {@code 0} (keep
   * nothing) when that second has begun already.
   */
  String grantKeptUntil(long expiresAt) {
    long now = clock.millis();
    long until = Math.floorDiv(Math.min(expiresAt, now + GRANT_KEPT.toMillis()), 1000);
    return until > Math.floorDiv(now, 1000) ? "@" + until : "0";
  }

  /** Until the checked URL expires (a player that follows the redirect keeps using it), at least a second. */
  Duration presignedFor(long expiresAt) {
    long ms = Math.max(1_000, expiresAt - clock.millis());
    Duration d = Duration.ofSeconds((ms + 999) / 1000);
    return d.compareTo(MAX_PRESIGNED) > 0 ? MAX_PRESIGNED : d;
  }
}
