package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {

  @ParameterizedTest
  @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")
  void opening_migrates_the_schema(TestDatabases.Opener opener) {
    try (Database db = opener.open()) {
      int rooms = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rooms").mapTo(Integer.class).one());
      assertThat(rooms).isZero();
      int applied = db.jdbi().withHandle(h ->
          h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success").mapTo(Integer.class).one());
      assertThat(applied).isPositive();
    }
  }

  @Test
  void the_embedded_default_is_a_file_under_the_data_directory_that_survives_reopening() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-db");
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      // Columns named, so that a migration adding a column (V7: subtitle_track) does not break it.
      db.jdbi().useHandle(h -> h.execute("INSERT INTO rooms (id, name, visibility, password_hash, guests_allowed, "
          + "control_mode, buffering_policy, buffer_wait_timeout_ms, max_members, owner_id, media_id, position_ms, rate, "
          + "timeline_version, created_at, updated_at) VALUES ('room1', 'r', 'unlisted', NULL, TRUE, 'everyone', "
          + "'waitForAll', 5000, 50, 'user1', NULL, 0, 1.0, 0, 0, 0)"));
    }
    assertThat(dir.resolve("cowatch.db")).exists();
    try (Database again = Database.open(DatabaseConfig.embedded(dir))) {
      String name = again.jdbi().withHandle(h -> h.createQuery("SELECT name FROM rooms").mapTo(String.class).one());
      assertThat(name).isEqualTo("r");
    }
  }

  @Test
  void an_unreachable_database_fails_with_a_clear_message() {
    var config = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "", 1, 1);
    assertThatThrownBy(() -> Database.open(config)).hasMessageContaining("cannot connect to the database at "
        + "jdbc:postgresql://127.0.0.1:1/none");
  }

  @Test
  void opened_in_the_background_its_connections_wait_for_the_migrated_schema() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-db");
    try (Database db = Database.openInBackground(DatabaseConfig.embedded(dir))) {
      // Asked at once, while the pool may still be opening: the query waits, and finds the table.
      int rooms = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rooms").mapTo(Integer.class).one());
      assertThat(rooms).isZero();
      db.awaitReady();
      int applied = db.jdbi().withHandle(h ->
          h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success").mapTo(Integer.class).one());
      assertThat(applied).isPositive();
    }
  }

  @Test
  void opened_in_the_background_an_unreachable_database_fails_when_awaited_and_when_used() {
    var config = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "", 1, 1);
    Database db = Database.openInBackground(config);
    assertThatThrownBy(db::awaitReady).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/none");
    assertThatThrownBy(() -> db.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()))
        .hasMessageContaining("the database did not open: cannot connect to the database at");
    db.close(); // nothing to close, and no error
  }
}
