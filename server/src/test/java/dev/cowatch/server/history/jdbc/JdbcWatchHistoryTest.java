package dev.cowatch.server.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.User;
import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.history.HistoryEntry;
import dev.cowatch.server.history.Watching;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcWatchHistoryTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId ANN = new UserId("u-ann");
  private static final UserId BOB = new UserId("u-bob");
  private static final RoomId ROOM = new RoomId("room1");

  private static Watching w(UserId user, String media) {
    return new Watching(user, ROOM, "Film club", media);
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void stretches_start_end_merge_and_know_who_else_was_there(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      new JdbcAccountStore(d.jdbi()).transaction(r -> {
        r.users().insert(User.account(BOB, "bob@example.org", "Bob", "hash", T0), T0);
        return null;
      });
      var history = new JdbcWatchHistory(d.jdbi());
      history.start(w(ANN, "film.mp4"), T0, 120_000);
      history.start(w(ANN, "film.mp4"), T0 + 5, 120_000); // already open: no second row
      history.start(w(BOB, "film.mp4"), T0 + 60_000, 120_000);
      history.end(w(ANN, "film.mp4"), T0 + 600_000);
      history.start(w(ANN, "film.mp4"), T0 + 660_000, 120_000); // back within 2 min: the same stretch
      history.end(w(ANN, "film.mp4"), T0 + 700_000);
      history.start(w(ANN, "other.mp4"), T0 + 900_000, 120_000);

      List<HistoryEntry> anns = history.of(ANN, null, 10);
      assertThat(anns).extracting(HistoryEntry::mediaId).containsExactly("other.mp4", "film.mp4");
      HistoryEntry film = anns.get(1);
      assertThat(film.startedAtMs()).isEqualTo(T0);
      assertThat(film.durationMs()).isEqualTo(700_000);
      assertThat(film.with()).containsExactly("Bob");
      assertThat(anns.get(0).endedAtMs()).isNull();
      assertThat(anns.get(0).with()).as("Bob never watched the other film").isEmpty();

      history.seen(List.of(w(ANN, "other.mp4")), T0 + 960_000);
      assertThat(history.endStale(T0 + 960_000)).as("Bob's open stretch was last seen at its start").isEqualTo(1);
      assertThat(history.of(BOB, null, 10).get(0).endedAtMs()).isEqualTo(T0 + 60_000);
      assertThat(history.of(ANN, null, 10).get(0).endedAtMs()).isNull();

      assertThat(history.remove(BOB, film.id())).as("only one's own").isFalse();
      assertThat(history.remove(ANN, film.id())).isTrue();
      assertThat(history.of(ANN, null, 10)).hasSize(1);
      history.trim(ANN, 1);
      assertThat(history.of(ANN, null, 10)).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void someone_still_watching_counts_as_with_you_before_their_first_heartbeat(TestDatabases.Opener db) {
    try (Database d = db.open()) {
      new JdbcAccountStore(d.jdbi()).transaction(r -> {
        r.users().insert(User.account(BOB, "bob@example.org", "Bob", "hash", T0), T0);
        return null;
      });
      var history = new JdbcWatchHistory(d.jdbi());
      // A showing's next episode: both stretches start on the same instant; Bob's stays open (last seen
      // at its start, the heartbeat has not come yet) while Ann leaves a few seconds in.
      history.start(w(ANN, "episode-2.mp4"), T0, 120_000);
      history.start(w(BOB, "episode-2.mp4"), T0, 120_000);
      assertThat(history.of(ANN, null, 10).get(0).with()).as("both still watching").containsExactly("Bob");
      history.end(w(ANN, "episode-2.mp4"), T0 + 4_000);

      assertThat(history.of(ANN, null, 10).get(0).with()).containsExactly("Bob");
    }
  }
}
