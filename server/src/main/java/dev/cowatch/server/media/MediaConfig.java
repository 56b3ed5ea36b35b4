package dev.cowatch.server.media;

import dev.cowatch.server.storage.S3Config;
import java.time.Duration;

/**
 * Where media bytes are kept and the limits on them.
 *
 * @param store {@code LOCAL}: {@code <dataDir>/media}; {@code S3}: the bucket in {@code s3}
 * @param s3 the bucket, null unless {@code store} is {@code S3}
 * @param maxBytes the largest file the library takes
 * @param urlLifetime how long a signed streaming URL works
 */
public record MediaConfig(Store store, S3Config s3, long maxBytes, Duration urlLifetime) {
  public enum Store { LOCAL, S3 }

  /** 4 GiB: a feature film at a high bitrate; S3 single-request uploads stop at 5 GiB anyway. */
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024 * 1024;
  /** Longer than nearly every film, so a URL does not expire during playback. */
  public static final Duration DEFAULT_URL_LIFETIME = Duration.ofHours(6);

  public MediaConfig {
    if (store == null) throw new IllegalArgumentException("media store kind is required");
    if (store == Store.S3 && s3 == null) throw new IllegalArgumentException("the S3 media store needs --s3-bucket");
    if (maxBytes < 1) throw new IllegalArgumentException("max media bytes must be positive");
    if (urlLifetime == null || urlLifetime.isNegative() || urlLifetime.isZero()) {
      throw new IllegalArgumentException("the media URL lifetime must be positive");
    }
  }

  public static MediaConfig local() {
    return new MediaConfig(Store.LOCAL, null, DEFAULT_MAX_BYTES, DEFAULT_URL_LIFETIME);
  }

  public MediaConfig withMaxBytes(long max) {
    return new MediaConfig(store, s3, max, urlLifetime);
  }
}
