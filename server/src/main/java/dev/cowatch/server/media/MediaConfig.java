package dev.cowatch.server.media;

import dev.cowatch.server.media.probe.MediaToolsConfig;
import dev.cowatch.server.media.storage.S3Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Where media bytes are kept and the limits on them.
 *
 * @param store {@code LOCAL}: {@code <dataDir>/media}; {@code S3}: the bucket in {@code s3}
 * @param s3 the bucket, null unless {@code store} is {@code S3}
 * @param maxBytes the largest file the library takes
 * @param urlLifetime how long a signed streaming URL works
 * @param quotaBytes how many bytes of media one identity may hold, unfinished uploads at their declared size
 * @param uploadExpiry how long an unfinished upload is kept after its last bytes arrived
 * @param tools where ffprobe and ffmpeg are
 * @param delivery who sends a checked stream's bytes: Cowatch, the front proxy or the store
 * @param guestQuotaBytes how many bytes of media one guest (or anonymous visitor) may hold, at most
 *     {@code quotaBytes}; 0: guests cannot upload
 */
public record MediaConfig(Store store, S3Config s3, long maxBytes, Duration urlLifetime, long quotaBytes,
    Duration uploadExpiry, MediaToolsConfig tools, MediaDelivery delivery, long guestQuotaBytes) {
  public enum Store { LOCAL, S3 }

  /** 4 GiB: a feature film at a high bitrate; S3 single-request uploads stop at 5 GiB anyway. */
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024 * 1024;
  /** Longer than nearly every film, so a URL does not expire during playback. */
  public static final Duration DEFAULT_URL_LIFETIME = Duration.ofHours(6);
  /** 20 GiB: five large films per person; an operator with room to spare raises it. */
  public static final long DEFAULT_QUOTA_BYTES = 20L * 1024 * 1024 * 1024;
  /**
   * 1 GiB: a guest costs nothing to make (a click, 200 per address per quarter hour), so what one guest may hold a
   * stranger may hold many times over; an account's 20 GiB per guest let anyone fill the disk. 1 GiB is still one film
   * at a modest bitrate (90 minutes of 720p at 1.5 Mbit/s), so a guest can bring something to watch with friends;
   * more takes an account. An operator who wants no anonymous bytes on the disk sets 0.
   */
  public static final long DEFAULT_GUEST_QUOTA_BYTES = 1024L * 1024 * 1024;
  /** A day: enough to resume after a night's sleep, short enough that abandoned uploads do not pile up. */
  public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);

  public MediaConfig {
    if (store == null) throw new IllegalArgumentException("media store kind is required");
    if (store == Store.S3 && s3 == null) throw new IllegalArgumentException("the S3 media store needs --s3-bucket");
    if (maxBytes < 1) throw new IllegalArgumentException("max media bytes must be positive");
    if (urlLifetime == null || urlLifetime.isNegative() || urlLifetime.isZero()) {
      throw new IllegalArgumentException("the media URL lifetime must be positive");
    }
    if (quotaBytes < 1) throw new IllegalArgumentException("the media quota must be positive");
    if (guestQuotaBytes < 0) throw new IllegalArgumentException("the guests' media quota must be 0 (no uploads) or more");
    if (uploadExpiry == null || uploadExpiry.isNegative() || uploadExpiry.isZero()) {
      throw new IllegalArgumentException("the upload expiry must be positive");
    }
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(delivery, "delivery");
    if (delivery.accelPrefix() != null && store != Store.LOCAL) {
      throw new IllegalArgumentException("--media-accel-redirect publishes the local store; with S3 use "
          + "--media-redirect-to-store");
    }
    if (delivery.storeRedirect() && store != Store.S3) {
      throw new IllegalArgumentException("--media-redirect-to-store needs --media-store s3; for local files behind "
          + "nginx use --media-accel-redirect");
    }
  }

  /** With the default quota for guests. */
  public MediaConfig(Store store, S3Config s3, long maxBytes, Duration urlLifetime, long quotaBytes,
      Duration uploadExpiry, MediaToolsConfig tools, MediaDelivery delivery) {
    this(store, s3, maxBytes, urlLifetime, quotaBytes, uploadExpiry, tools, delivery, DEFAULT_GUEST_QUOTA_BYTES);
  }

  /** What one guest may hold: never more than an account. */
  public long effectiveGuestQuotaBytes() {
    return Math.min(guestQuotaBytes, quotaBytes);
  }

  /** Cowatch sending the bytes itself. */
  public MediaConfig(Store store, S3Config s3, long maxBytes, Duration urlLifetime, long quotaBytes,
      Duration uploadExpiry, MediaToolsConfig tools) {
    this(store, s3, maxBytes, urlLifetime, quotaBytes, uploadExpiry, tools, MediaDelivery.DIRECT);
  }

  /** With the default quota, upload expiry and tools found on the PATH. */
  public MediaConfig(Store store, S3Config s3, long maxBytes, Duration urlLifetime) {
    this(store, s3, maxBytes, urlLifetime, DEFAULT_QUOTA_BYTES, DEFAULT_UPLOAD_EXPIRY, MediaToolsConfig.DEFAULTS);
  }

  public static MediaConfig local() {
    return new MediaConfig(Store.LOCAL, null, DEFAULT_MAX_BYTES, DEFAULT_URL_LIFETIME);
  }

  public MediaConfig withMaxBytes(long max) {
    return new MediaConfig(store, s3, max, urlLifetime, quotaBytes, uploadExpiry, tools, delivery, guestQuotaBytes);
  }

  public MediaConfig withQuotaBytes(long quota) {
    return new MediaConfig(store, s3, maxBytes, urlLifetime, quota, uploadExpiry, tools, delivery, guestQuotaBytes);
  }

  public MediaConfig withGuestQuotaBytes(long quota) {
    return new MediaConfig(store, s3, maxBytes, urlLifetime, quotaBytes, uploadExpiry, tools, delivery, quota);
  }

  public MediaConfig withUploadExpiry(Duration expiry) {
    return new MediaConfig(store, s3, maxBytes, urlLifetime, quotaBytes, expiry, tools, delivery, guestQuotaBytes);
  }

  public MediaConfig withTools(MediaToolsConfig t) {
    return new MediaConfig(store, s3, maxBytes, urlLifetime, quotaBytes, uploadExpiry, t, delivery, guestQuotaBytes);
  }

  public MediaConfig withDelivery(MediaDelivery d) {
    return new MediaConfig(store, s3, maxBytes, urlLifetime, quotaBytes, uploadExpiry, tools, d, guestQuotaBytes);
  }
}
