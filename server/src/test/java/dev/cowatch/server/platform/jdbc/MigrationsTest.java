package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HexFormat;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening does to a database already at this build's schema (the shortcut past migrate()). */
class MigrationsTest {
  @TempDir Path dir;

  @Test
  void reopening_aCurrentDatabase_appliesNothing_andLeavesTheFileAsItWas() throws Exception {
    Database.open(DatabaseConfig.embedded(dir)).close();
    Path file = dir.resolve(DatabaseConfig.EMBEDDED_FILE);
    String before = sha256(file);

    Database.open(DatabaseConfig.embedded(dir)).close();

    assertThat(sha256(file)).isEqualTo(before);
  }

  @Test
  void reopening_afterAnAppliedMigrationWasEdited_failsAsFlywayValidationSays() throws Exception {
    Database.open(DatabaseConfig.embedded(dir)).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DatabaseConfig.EMBEDDED_FILE))) {
      c.createStatement().execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    }

    assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(dir))).isInstanceOf(FlywayException.class)
        .hasMessageContaining("checksum mismatch");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
