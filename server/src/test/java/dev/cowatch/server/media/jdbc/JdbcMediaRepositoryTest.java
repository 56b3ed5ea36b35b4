package dev.cowatch.server.media.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaStatus;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcMediaRepositoryTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId ANN = new UserId("u-ann");
  private static final UserId BOB = new UserId("u-bob");
  private static final String SHA = "a".repeat(64);

  private static MediaItem item(String id, UserId owner, long at) {
    return MediaItem.ready(id, owner, "Title " + id, id + ".mp4", 1234, SHA, "video/mp4", at);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void inserted_item_comesBackFieldForField_withNullDetails(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      MediaItem m = item("abcdefgh1", ANN, T0);
      repo.insert(m);
      assertThat(repo.find("abcdefgh1")).contains(m);
      assertThat(repo.find("abcdefgh1").orElseThrow().durationMs()).isNull();
      assertThat(repo.find("nosuchitem")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void update_writesTitleStatusDetailsAndPoster(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      MediaItem m = item("abcdefgh1", ANN, T0);
      repo.insert(m.withStatus(MediaStatus.PROCESSING, null, T0));
      String longTitle = "é".repeat(100) + "😀".repeat(100); // 200 code points, 300 UTF-16 units
      MediaItem changed = m.withTitle(longTitle, T0 + 1)
          .withDetails("mp4", "h264", "aac", 5_025_000L, 1920, 1080, "media/abcdefgh1/poster.jpg", T0 + 2)
          .withStatus(MediaStatus.FAILED, "ffprobe: no video stream", T0 + 3);
      assertThat(repo.update(changed)).isTrue();
      assertThat(repo.find("abcdefgh1")).contains(changed);
      assertThat(repo.update(item("notthere1", ANN, T0))).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void ofOwner_listsOnlyTheirs_newestFirst_upToTheLimit(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      repo.insert(item("annold01", ANN, T0));
      repo.insert(item("annnew01", ANN, T0 + 10));
      repo.insert(item("annmid01", ANN, T0 + 5));
      repo.insert(item("bobs0001", BOB, T0 + 7));
      assertThat(repo.ofOwner(ANN, 10)).extracting(MediaItem::id).containsExactly("annnew01", "annmid01", "annold01");
      assertThat(repo.ofOwner(ANN, 2)).extracting(MediaItem::id).containsExactly("annnew01", "annmid01");
      assertThat(repo.ofOwner(new UserId("u-nobody"), 10)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void delete_removesOnce(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      repo.insert(item("abcdefgh1", ANN, T0));
      assertThat(repo.delete("abcdefgh1")).isTrue();
      assertThat(repo.delete("abcdefgh1")).isFalse();
      assertThat(repo.find("abcdefgh1")).isEmpty();
    }
  }

  private static MediaItem upload(String id, UserId owner, long size, long expiresAt) {
    return MediaItem.uploading(id, owner, "Upload " + id, id + ".mkv", size, "video/x-matroska",
        new MediaItem.Upload(SHA, expiresAt), T0);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void anUpload_keepsItsOffsetExpiryAndDeclaredChecksum_andCompletes(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      MediaItem up = upload("upload001", ANN, 10_000, T0 + 1000);
      repo.insert(up);
      assertThat(repo.find("upload001")).contains(up);
      assertThat(repo.updateReceived("upload001", 4_000, T0 + 2000)).isTrue();
      MediaItem found = repo.find("upload001").orElseThrow();
      assertThat(found.receivedBytes()).isEqualTo(4_000);
      assertThat(found.upload()).isEqualTo(new MediaItem.Upload(SHA, T0 + 2000));
      assertThat(repo.updateReceived("upload001", 10_001, T0)).as("never past the size").isFalse();

      MediaItem done = found.completed("b".repeat(64), T0 + 3000);
      assertThat(repo.update(done)).isTrue();
      assertThat(repo.find("upload001")).contains(done);
      assertThat(done.upload()).isNull();
      assertThat(done.receivedBytes()).isEqualTo(10_000);
      assertThat(repo.updateReceived("upload001", 5, T0)).as("no longer uploading").isFalse();
      assertThat(repo.updateReceived("notthere1", 5, T0)).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void warningsAndTheConvertedFile_roundTrip(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      MediaItem m = item("abcdefgh2", ANN, T0);
      repo.insert(m);
      MediaItem converted = m.withOutput("video/x-msvideo", new MediaItem.Derived("media/abcdefgh2/playable.mp4", 777,
          "c".repeat(64), "video/mp4"), java.util.List.of("converted from XviD for browsers", "no poster: why"), T0 + 1);
      assertThat(repo.update(converted)).isTrue();
      assertThat(repo.find("abcdefgh2")).contains(converted);
      assertThat(repo.find("abcdefgh2").orElseThrow().served().key()).isEqualTo("media/abcdefgh2/playable.mp4");
      assertThat(m.served().key()).isEqualTo("media/abcdefgh2/original");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void bytesHeld_countsUploadsAtTheirDeclaredSize_butNotFailedItems_norOthers(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      assertThat(repo.bytesHeldBy(ANN)).isZero();
      repo.insert(item("ready0001", ANN, T0)); // 1234
      repo.insert(upload("upload001", ANN, 10_000, T0 + 1000));
      repo.insert(item("failed001", ANN, T0).withStatus(MediaStatus.FAILED, "not a video", T0));
      repo.insert(item("bobs00001", BOB, T0));
      assertThat(repo.bytesHeldBy(ANN)).isEqualTo(11_234);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void expiredUploads_andItemsByStatus(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      repo.insert(upload("early0001", ANN, 10, T0 + 100));
      repo.insert(upload("later0001", BOB, 10, T0 + 200));
      repo.insert(item("ready0001", ANN, T0));
      repo.insert(item("proc00001", ANN, T0 + 5).withStatus(MediaStatus.PROCESSING, null, T0 + 5));
      assertThat(repo.uploadsExpiredBy(T0 + 99, 10)).isEmpty();
      assertThat(repo.uploadsExpiredBy(T0 + 100, 10)).extracting(MediaItem::id).containsExactly("early0001");
      assertThat(repo.uploadsExpiredBy(T0 + 500, 10)).extracting(MediaItem::id).containsExactly("early0001", "later0001");
      assertThat(repo.uploadsExpiredBy(T0 + 500, 1)).hasSize(1);
      assertThat(repo.withStatus(MediaStatus.PROCESSING, 10)).extracting(MediaItem::id).containsExactly("proc00001");
      assertThat(repo.withStatus(MediaStatus.UPLOADING, 10)).extracting(MediaItem::id)
          .containsExactly("early0001", "later0001");
    }
  }
}
