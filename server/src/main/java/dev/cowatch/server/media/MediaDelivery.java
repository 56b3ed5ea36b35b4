package dev.cowatch.server.media;

import java.util.regex.Pattern;

/**
 * Who moves a stream's bytes once its signed URL is checked: Cowatch itself (the default), the reverse
 * proxy in front of it ({@code X-Accel-Redirect} to an internal location, local store), or the object
 * store (a redirect to a presigned URL, S3 store). The signature is checked by Cowatch in every case.
 *
 * @param accelPrefix the internal nginx location the local store is published under, e.g.
 *     {@code /internal-media/}; null when Cowatch sends local files itself
 * @param storeRedirect answer a checked S3 stream with 302 to a presigned URL of the object
 */
public record MediaDelivery(String accelPrefix, boolean storeRedirect) {
  public static final MediaDelivery DIRECT = new MediaDelivery(null, false);
  /** An absolute path ending in '/': the object's key is appended to it as it is (keys are URL-safe, MediaKeys). */
  private static final Pattern PREFIX = Pattern.compile("/([A-Za-z0-9._~-]+/)*");
  static final int MAX_PREFIX = 200;

  public MediaDelivery {
    if (accelPrefix != null) {
      if (accelPrefix.length() > MAX_PREFIX || !PREFIX.matcher(accelPrefix).matches()
          || accelPrefix.contains("/../") || accelPrefix.contains("/./")) {
        throw new IllegalArgumentException("--media-accel-redirect must be a path such as /internal-media/ (letters, "
            + "digits, . _ ~ -, starting and ending with /, at most " + MAX_PREFIX + " characters), not '"
            + accelPrefix + "'");
      }
      if (storeRedirect) {
        throw new IllegalArgumentException("--media-accel-redirect is for the local store and --media-redirect-to-store "
            + "for S3: not both");
      }
    }
  }

  public boolean direct() {
    return accelPrefix == null && !storeRedirect;
  }
}
