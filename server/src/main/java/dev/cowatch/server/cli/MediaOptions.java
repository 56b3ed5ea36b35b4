package dev.cowatch.server.cli;

import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaDelivery;
import dev.cowatch.server.media.probe.MediaToolsConfig;
import dev.cowatch.server.media.storage.S3Config;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The media options of {@link Main} (a picocli mixin), each with its environment variable. */
final class MediaOptions {

  @Option(names = "--media-store", paramLabel = "local|s3", defaultValue = "${env:COWATCH_MEDIA_STORE:-local}",
      description = "Where uploaded media is kept: local (<data-dir>/media) or s3 (an S3-compatible bucket) "
          + "(env COWATCH_MEDIA_STORE, default: ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:COWATCH_S3_ENDPOINT:-}",
      description = "S3 endpoint, e.g. http://minio:9000 or https://storage.googleapis.com (env COWATCH_S3_ENDPOINT; "
          + "default: AWS).")
  String endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "${env:COWATCH_S3_REGION:-us-east-1}",
      description = "S3 region (env COWATCH_S3_REGION, default: ${DEFAULT-VALUE}).")
  String region;

  @Option(names = "--s3-bucket", paramLabel = "BUCKET", defaultValue = "${env:COWATCH_S3_BUCKET:-}",
      description = "S3 bucket for media (env COWATCH_S3_BUCKET; required with --media-store s3).")
  String bucket;

  @Option(names = "--s3-access-key", paramLabel = "KEY", defaultValue = "${env:COWATCH_S3_ACCESS_KEY:-}",
      description = "S3 access key (env COWATCH_S3_ACCESS_KEY; default: the AWS SDK's credential chain).")
  String accessKey;

  @Option(names = "--s3-secret-key", paramLabel = "SECRET", defaultValue = "${env:COWATCH_S3_SECRET_KEY:-}",
      description = "S3 secret key (env COWATCH_S3_SECRET_KEY; prefer the variable: options show in ps).")
  String secretKey;

  @Option(names = "--s3-path-style", paramLabel = "BOOL", defaultValue = "${env:COWATCH_S3_PATH_STYLE:-false}",
      arity = "1", description = "Path-style bucket addressing, as MinIO and Ceph usually need "
          + "(env COWATCH_S3_PATH_STYLE, default: ${DEFAULT-VALUE}).")
  boolean pathStyle;

  @Option(names = "--max-media-bytes", paramLabel = "BYTES",
      defaultValue = "${env:COWATCH_MAX_MEDIA_BYTES:-" + MediaConfig.DEFAULT_MAX_BYTES + "}",
      description = "Largest media file accepted (env COWATCH_MAX_MEDIA_BYTES, default: ${DEFAULT-VALUE}).")
  long maxMediaBytes;

  @Option(names = "--media-quota-bytes", paramLabel = "BYTES",
      defaultValue = "${env:COWATCH_MEDIA_QUOTA_BYTES:-" + MediaConfig.DEFAULT_QUOTA_BYTES + "}",
      description = "Media one identity may hold, unfinished uploads at their declared size "
          + "(env COWATCH_MEDIA_QUOTA_BYTES, default: ${DEFAULT-VALUE}).")
  long quotaBytes;

  @Option(names = "--guest-media-quota-bytes", paramLabel = "BYTES",
      defaultValue = "${env:COWATCH_GUEST_MEDIA_QUOTA_BYTES:-" + MediaConfig.DEFAULT_GUEST_QUOTA_BYTES + "}",
      description = "Media one guest may hold, at most --media-quota-bytes; 0: guests cannot upload "
          + "(env COWATCH_GUEST_MEDIA_QUOTA_BYTES, default: ${DEFAULT-VALUE}).")
  long guestQuotaBytes;

  @Option(names = "--ffprobe", paramLabel = "PATH", defaultValue = "${env:COWATCH_FFPROBE:-}",
      description = "The ffprobe that checks uploads (env COWATCH_FFPROBE; default: ffprobe on the PATH).")
  String ffprobe;

  @Option(names = "--ffmpeg", paramLabel = "PATH", defaultValue = "${env:COWATCH_FFMPEG:-}",
      description = "The ffmpeg that converts uploads and makes posters (env COWATCH_FFMPEG; default: ffmpeg on the "
          + "PATH).")
  String ffmpeg;

  @Option(names = "--media-accel-redirect", paramLabel = "PATH", defaultValue = "${env:COWATCH_MEDIA_ACCEL_REDIRECT:-}",
      description = "Behind nginx: answer a checked stream with X-Accel-Redirect to this internal location, which "
          + "publishes <data-dir>/media (e.g. /internal-media/; docs/operations.md), so nginx sends the file "
          + "(env COWATCH_MEDIA_ACCEL_REDIRECT; default: Cowatch sends it).")
  String accelRedirect;

  @Option(names = "--media-redirect-to-store", paramLabel = "BOOL",
      defaultValue = "${env:COWATCH_MEDIA_REDIRECT_TO_STORE:-false}", arity = "1",
      description = "With --media-store s3: answer a checked stream with a redirect to a presigned URL of the object "
          + "(env COWATCH_MEDIA_REDIRECT_TO_STORE, default: ${DEFAULT-VALUE}).")
  boolean redirectToStore;

  MediaConfig config() {
    MediaConfig.Store kind = switch (store.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "local" -> MediaConfig.Store.LOCAL;
      case "s3" -> MediaConfig.Store.S3;
      default -> throw new IllegalArgumentException("--media-store must be local or s3, not '" + store + "'");
    };
    S3Config s3 = kind == MediaConfig.Store.S3 ? new S3Config(blank(endpoint) ? null : URI.create(endpoint.strip()),
        region, blank(bucket) ? null : bucket.strip(), accessKey, secretKey, pathStyle) : null;
    MediaToolsConfig tools = MediaToolsConfig.DEFAULTS;
    if (!blank(ffprobe)) tools = tools.withFfprobe(Path.of(ffprobe.strip()));
    if (!blank(ffmpeg)) tools = tools.withFfmpeg(Path.of(ffmpeg.strip()));
    MediaDelivery delivery = new MediaDelivery(blank(accelRedirect) ? null : accelRedirect.strip(), redirectToStore);
    return new MediaConfig(kind, s3, maxMediaBytes, MediaConfig.DEFAULT_URL_LIFETIME, quotaBytes,
        MediaConfig.DEFAULT_UPLOAD_EXPIRY, tools, delivery, guestQuotaBytes);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
