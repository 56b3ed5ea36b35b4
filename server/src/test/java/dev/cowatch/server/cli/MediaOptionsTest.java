package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.media.MediaConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MediaOptionsTest {
  private static MediaConfig parse(String... args) {
    Main main = new Main();
    new CommandLine(main).parseArgs(args);
    return main.media.config();
  }

  @Test
  void defaults_localDisk_4GiB() {
    MediaConfig c = parse();
    assertThat(c.store()).isEqualTo(MediaConfig.Store.LOCAL);
    assertThat(c.s3()).isNull();
    assertThat(c.maxBytes()).isEqualTo(MediaConfig.DEFAULT_MAX_BYTES);
  }

  @Test
  void s3_takesEndpointRegionBucketKeysAndPathStyle() {
    MediaConfig c = parse("--media-store", "S3", "--s3-endpoint", "http://minio:9000", "--s3-region", "eu-central-1",
        "--s3-bucket", "films", "--s3-access-key", "ak", "--s3-secret-key", "sk", "--s3-path-style", "true",
        "--max-media-bytes", "1000");
    assertThat(c.store()).isEqualTo(MediaConfig.Store.S3);
    assertThat(c.s3().endpoint()).isEqualTo(URI.create("http://minio:9000"));
    assertThat(c.s3().region()).isEqualTo("eu-central-1");
    assertThat(c.s3().bucket()).isEqualTo("films");
    assertThat(c.s3().pathStyle()).isTrue();
    assertThat(c.s3().toString()).doesNotContain("sk").contains("static");
    assertThat(c.maxBytes()).isEqualTo(1000);
  }

  @Test
  void s3WithoutBucket_orHalfTheKeys_orAnUnknownStore_isRefused() {
    assertThatThrownBy(() -> parse("--media-store", "s3")).hasMessageContaining("bucket");
    assertThatThrownBy(() -> parse("--media-store", "s3", "--s3-bucket", "b", "--s3-access-key", "ak"))
        .hasMessageContaining("both");
    assertThatThrownBy(() -> parse("--media-store", "ftp")).hasMessageContaining("local or s3");
    assertThatThrownBy(() -> parse("--max-media-bytes", "0")).hasMessageContaining("positive");
  }

  @Test
  void quotaAndTools_defaultTo20GiBAndThePath_andCanBeSet() {
    MediaConfig defaults = parse();
    assertThat(defaults.quotaBytes()).isEqualTo(20L * 1024 * 1024 * 1024);
    assertThat(defaults.uploadExpiry()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(defaults.tools().ffprobe()).isEmpty();
    assertThat(defaults.tools().ffmpeg()).isEmpty();
    MediaConfig set = parse("--media-quota-bytes", "5000", "--ffprobe", "/opt/ff/ffprobe", "--ffmpeg", "/opt/ff/ffmpeg");
    assertThat(set.quotaBytes()).isEqualTo(5000);
    assertThat(set.tools().ffprobe()).contains(java.nio.file.Path.of("/opt/ff/ffprobe"));
    assertThat(set.tools().ffmpeg()).contains(java.nio.file.Path.of("/opt/ff/ffmpeg"));
    assertThatThrownBy(() -> parse("--media-quota-bytes", "0")).hasMessageContaining("quota");
  }

  @Test
  void guestQuota_defaultsTo1GiB_mayBe0_neverNegative() {
    assertThat(parse().guestQuotaBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(parse("--guest-media-quota-bytes", "0").guestQuotaBytes()).isZero();
    assertThat(parse("--guest-media-quota-bytes", "5000").effectiveGuestQuotaBytes()).isEqualTo(5000);
    assertThat(parse("--media-quota-bytes", "4000", "--guest-media-quota-bytes", "5000").effectiveGuestQuotaBytes())
        .as("never more than an account").isEqualTo(4000);
    assertThatThrownBy(() -> parse("--guest-media-quota-bytes", "-1")).hasMessageContaining("guests' media quota");
  }

  @Test
  void delivery_isCowatchByDefault_accelForLocal_storeRedirectForS3() {
    assertThat(parse().delivery().direct()).isTrue();
    MediaConfig accel = parse("--media-accel-redirect", "/internal-media/");
    assertThat(accel.delivery().accelPrefix()).isEqualTo("/internal-media/");
    MediaConfig redirect = parse("--media-store", "s3", "--s3-bucket", "b", "--media-redirect-to-store", "true");
    assertThat(redirect.delivery().storeRedirect()).isTrue();
    assertThatThrownBy(() -> parse("--media-accel-redirect", "internal")).hasMessageContaining("/internal-media/");
    assertThatThrownBy(() -> parse("--media-accel-redirect", "/a/../b/")).hasMessageContaining("/internal-media/");
    assertThatThrownBy(() -> parse("--media-store", "s3", "--s3-bucket", "b", "--media-accel-redirect", "/m/"))
        .hasMessageContaining("--media-redirect-to-store");
    assertThatThrownBy(() -> parse("--media-redirect-to-store", "true")).hasMessageContaining("--media-store s3");
  }
}
