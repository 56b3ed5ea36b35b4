package dev.cowatch.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaStatus;
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
  @MethodSource("dev.cowatch.server.jdbc.TestDatabases#both")
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
  @MethodSource("dev.cowatch.server.jdbc.TestDatabases#both")
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
  @MethodSource("dev.cowatch.server.jdbc.TestDatabases#both")
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
  @MethodSource("dev.cowatch.server.jdbc.TestDatabases#both")
  void delete_removesOnce(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcMediaRepository(d.jdbi());
      repo.insert(item("abcdefgh1", ANN, T0));
      assertThat(repo.delete("abcdefgh1")).isTrue();
      assertThat(repo.delete("abcdefgh1")).isFalse();
      assertThat(repo.find("abcdefgh1")).isEmpty();
    }
  }
}
