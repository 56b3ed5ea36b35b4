package dev.cowatch.server.platform.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Does to a database what a newer Cowatch would: applies this build's migrations and then one more, numbered
 * after this build's newest (so the test stays right when the next real migration lands), that adds a table
 * with a row. Flyway is used directly, as that newer build would use it, so nothing here is checked.
 */
final class NewerCowatch {
  /** What the newer Cowatch's migration leaves behind: a table this build does not know, with a row. */
  static final String TABLE = "newer_things";

  private NewerCowatch() {}

  /** This build's newest schema version and the one the newer Cowatch applied on top. */
  record Versions(MigrationVersion known, MigrationVersion applied) {}

  static Versions migrate(DatabaseConfig database, Path scratch) throws IOException {
    MigrationVersion known = newestKnown(database);
    MigrationVersion next = MigrationVersion.fromVersion(String.valueOf(Integer.parseInt(known.getVersion()) + 1));
    Path folder = Files.createDirectories(scratch.resolve("newer-migrations"));
    Files.writeString(folder.resolve("V" + next + "__from_a_newer_cowatch.sql"),
        "CREATE TABLE " + TABLE + " (id VARCHAR(40) PRIMARY KEY, note VARCHAR(200));\n"
            + "INSERT INTO " + TABLE + " (id, note) VALUES ('n1', 'written by a newer Cowatch');\n");
    List<String> locations = new ArrayList<>(database.dialect().migrationLocations());
    locations.add("filesystem:" + folder.toAbsolutePath());
    flyway(database, locations).migrate();
    return new Versions(known, next);
  }

  private static MigrationVersion newestKnown(DatabaseConfig database) {
    return Arrays.stream(flyway(database, database.dialect().migrationLocations()).info().all())
        .filter(m -> m.getVersion() != null && m.getState().isResolved())
        .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElseThrow();
  }

  private static Flyway flyway(DatabaseConfig database, List<String> locations) {
    return Flyway.configure().dataSource(database.url(), database.user(), database.password())
        .locations(locations.toArray(String[]::new)).load();
  }
}
