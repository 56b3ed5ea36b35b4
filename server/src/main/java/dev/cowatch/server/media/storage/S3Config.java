package dev.cowatch.server.media.storage;

import java.net.URI;

/**
 * An S3-compatible bucket. {@code endpoint} null means AWS itself; MinIO, Ceph RGW and Google Cloud
 * Storage's interoperability API need it (and MinIO and Ceph usually {@code pathStyle}). Without an
 * access key the SDK's default chain is used (environment, profile, instance role).
 */
public record S3Config(URI endpoint, String region, String bucket, String accessKey, String secretKey,
    boolean pathStyle) {
  public S3Config {
    if (bucket == null || bucket.isBlank()) throw new IllegalArgumentException("an S3 media store needs a bucket");
    if (region == null || region.isBlank()) region = "us-east-1";
    if ((accessKey == null || accessKey.isBlank()) != (secretKey == null || secretKey.isBlank())) {
      throw new IllegalArgumentException("give both the S3 access key and the secret key, or neither");
    }
  }

  boolean hasStaticCredentials() {
    return accessKey != null && !accessKey.isBlank();
  }

  @Override
  public String toString() {
    return "S3Config[endpoint=" + (endpoint == null ? "aws" : endpoint) + ", region=" + region + ", bucket=" + bucket
        + ", pathStyle=" + pathStyle + ", credentials=" + (hasStaticCredentials() ? "static" : "default chain") + "]";
  }
}
