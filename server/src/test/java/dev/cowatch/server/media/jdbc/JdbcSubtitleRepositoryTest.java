package dev.cowatch.server.media.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.subtitle.SubtitleRepository.Inserted;
import dev.cowatch.server.media.subtitle.SubtitleTrack;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcSubtitleRepositoryTest {
  private static final long T0 = 1_700_000_000_000L;

  private static void media(Database d, String id) {
    new JdbcMediaRepository(d.jdbi()).insert(MediaItem.ready(id, new UserId("u-ann"), "Film", "f.mp4", 10,
        "a".repeat(64), "video/mp4", T0));
  }

  private static SubtitleTrack track(String id, String media, long at) {
    return new SubtitleTrack(id, media, "Русский " + id, "ru", 12, 3456, "srt", "windows-1251", at);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void tracks_comeBackFieldForField_oldestFirst_perMedia(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcSubtitleRepository(d.jdbi());
      media(d, "film00001");
      media(d, "film00002");
      SubtitleTrack late = track("trk00002", "film00001", T0 + 5);
      SubtitleTrack early = new SubtitleTrack("trk00001", "film00001", "Deutsch", null, 1, 40, "vtt", "UTF-8", T0);
      assertThat(repo.insert(late, 20)).isEqualTo(Inserted.DONE);
      assertThat(repo.insert(early, 20)).isEqualTo(Inserted.DONE);
      assertThat(repo.insert(track("trk00003", "film00002", T0), 20)).isEqualTo(Inserted.DONE);

      assertThat(repo.ofMedia("film00001")).containsExactly(early, late);
      assertThat(repo.find("trk00002")).contains(late);
      assertThat(repo.find("nosuch")).isEmpty();
      assertThat(repo.ofMedia("nosuch")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void insert_refusesPastTheLimit_andForAMissingItem(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcSubtitleRepository(d.jdbi());
      media(d, "film00001");
      assertThat(repo.insert(track("trk00001", "film00001", T0), 2)).isEqualTo(Inserted.DONE);
      assertThat(repo.insert(track("trk00002", "film00001", T0), 2)).isEqualTo(Inserted.DONE);
      assertThat(repo.insert(track("trk00003", "film00001", T0), 2)).isEqualTo(Inserted.FULL);
      assertThat(repo.insert(track("trk00004", "gone00001", T0), 2)).isEqualTo(Inserted.NO_MEDIA);
      assertThat(repo.ofMedia("film00001")).hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void concurrentUploads_neverPassTheLimit(TestDatabases.Opener db) throws Exception {
    try (Database d = db.open()) {
      var repo = new JdbcSubtitleRepository(d.jdbi());
      media(d, "film00001");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Inserted>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          String id = "trk" + (10_000 + i);
          results.add(pool.submit((Callable<Inserted>) () -> repo.insert(track(id, "film00001", T0), 5)));
        }
        long done = 0;
        for (Future<Inserted> f : results) if (f.get() == Inserted.DONE) done++;
        assertThat(done).isEqualTo(5);
        assertThat(repo.ofMedia("film00001")).hasSize(5);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void delete_removesOnce_andDeletingTheItemRemovesItsTracks(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      var repo = new JdbcSubtitleRepository(d.jdbi());
      media(d, "film00001");
      repo.insert(track("trk00001", "film00001", T0), 20);
      repo.insert(track("trk00002", "film00001", T0), 20);
      assertThat(repo.delete("trk00001")).isTrue();
      assertThat(repo.delete("trk00001")).isFalse();
      assertThat(new JdbcMediaRepository(d.jdbi()).delete("film00001")).isTrue();
      assertThat(repo.find("trk00002")).isEmpty();
    }
  }
}
