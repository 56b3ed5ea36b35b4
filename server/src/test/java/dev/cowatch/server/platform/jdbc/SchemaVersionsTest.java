package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.platform.jdbc.SchemaVersions.Decision;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaVersionsTest {

  @ParameterizedTest(name = "applied {0}, this build {1}: {2}")
  @CsvSource(nullValues = "none", value = {
      "none, 16,   MIGRATE",       // a new database
      "1,    16,   MIGRATE",
      "15,   16,   MIGRATE",       // the previous release
      "9,    16,   MIGRATE",       // as text "9" > "16": compared as versions
      "16,   16,   CURRENT",
      "17,   16,   REFUSE_NEWER",  // a newer Cowatch's
      "100,  16,   REFUSE_NEWER",
      "16.1, 16,   REFUSE_NEWER",  // a dotted version after 16
      "16,   16.1, MIGRATE",
  })
  void decide_migratesOlderKeepsCurrentRefusesNewer(String applied, String known, Decision expected) {
    Optional<MigrationVersion> database = Optional.ofNullable(applied).map(MigrationVersion::fromVersion);
    assertThat(SchemaVersions.decide(database, MigrationVersion.fromVersion(known))).isEqualTo(expected);
  }

  @Test
  void newerMessage_saysWhereBothVersionsAndWhatToDo() {
    assertThat(SchemaVersions.newerMessage("jdbc:sqlite:/var/lib/cowatch/cowatch.db",
        MigrationVersion.fromVersion("17"), "0.1.0", MigrationVersion.fromVersion("16")))
        .isEqualTo("the database at jdbc:sqlite:/var/lib/cowatch/cowatch.db has schema version 17, newer than this "
            + "Cowatch (0.1.0) knows (16): it was written by a newer Cowatch; start that version, or restore a backup "
            + "made for this one");
  }
}
