package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.TestServer;
import dev.cowatch.server.cli.CommandLines;
import dev.cowatch.server.platform.BuildVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database a newer Cowatch migrated is refused by this one wherever it opens it (the server, the operator's
 * commands, the backup, the H2 import), with the message of {@link SchemaVersions#newerMessage}, and left as it
 * was: the SQLite file byte for byte, PostgreSQL's schema history and tables. PostgreSQL is the one on
 * 127.0.0.1:5432 ({@link TestDatabases}), in a schema of this test's own; the test fails without it.
 */
class NewerDatabaseRefusedTest {
  @TempDir Path dir;

  @Test
  void sqlite_newerSchema_serverExitsWithTheMessage_andTheFileIsUnchanged() throws Exception {
    Path data = dir.resolve("data");
    new TestServer(data, c -> c, java.time.Clock.systemUTC()).close(); // a real data directory
    DatabaseConfig config = DatabaseConfig.embedded(data);
    NewerCowatch.Versions versions = NewerCowatch.migrate(config, dir);
    Path file = data.resolve(DatabaseConfig.EMBEDDED_FILE);
    String before = sha256(file);

    // The real start, as the launcher runs it: its own JVM, the message on its output, exit status 1.
    Path log = dir.resolve("server.log");
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.cowatch.server.cli.Main",
        "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = server.waitFor(60, TimeUnit.SECONDS);
    server.destroyForcibly().waitFor();
    String output = Files.readString(log);
    assertThat(exited).as("the server stopped by itself; its output: %s", output).isTrue();
    assertThat(server.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("cowatch: " + expected(config, versions)).doesNotContain("\tat ");

    CommandLines.Run audit = CommandLines.run("audit", "verify", "--data-dir", data.toString());
    assertThat(audit.exitCode()).isEqualTo(3);
    assertThat(audit.err()).contains(expected(config, versions));

    assertThat(sha256(file)).as("the database file, byte for byte").isEqualTo(before);
    assertThat(data.resolve(DatabaseConfig.EMBEDDED_FILE + "-wal")).as("nothing left to write back").satisfiesAnyOf(
        wal -> assertThat(wal).doesNotExist(), wal -> assertThat(wal).isEmptyFile());
  }

  @Test
  void sqlite_newerSchema_backupCopiesNothing() throws Exception {
    Path data = dir.resolve("data");
    new TestServer(data, c -> c, java.time.Clock.systemUTC()).close();
    DatabaseConfig config = DatabaseConfig.embedded(data);
    NewerCowatch.Versions versions = NewerCowatch.migrate(config, dir);
    String before = sha256(data.resolve(DatabaseConfig.EMBEDDED_FILE));

    CommandLines.Run backup = CommandLines.run("backup", dir.resolve("copy").toString(), "--data-dir", data.toString());

    assertThat(backup.exitCode()).isEqualTo(1);
    assertThat(backup.err()).isEqualTo("backup: failed: " + expected(config, versions) + System.lineSeparator());
    assertThat(dir.resolve("copy")).doesNotExist();
    assertThat(sha256(data.resolve(DatabaseConfig.EMBEDDED_FILE))).isEqualTo(before);
  }

  @Test
  void h2_newerLegacyStore_isNotImported_andStaysWhereItIs() throws Exception {
    DatabaseConfig h2 = DatabaseConfig.legacyH2(dir);
    NewerCowatch.Versions versions = NewerCowatch.migrate(h2, dir.resolve("scratch"));

    assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(dir))).isInstanceOf(NewerSchemaException.class)
        .hasMessage(expected(h2, versions));

    assertThat(dir.resolve(LegacyH2Import.LEGACY_FILE)).as("not renamed as imported").exists();
    assertThat(dir.resolve(LegacyH2Import.IMPORTED_FILE)).doesNotExist();
    try (Connection c = DriverManager.getConnection(h2.url(), h2.user(), h2.password())) {
      assertThat(history(c)).last().asString().startsWith(versions.applied() + "|");
    }
  }

  @Test
  void postgresql_newerSchema_serverRefusesToStart_andHistoryAndTablesAreUnchanged() throws Exception {
    String schema = "cw_newer_" + UUID.randomUUID().toString().replace("-", "");
    String sep = TestDatabases.PG_URL.contains("?") ? "&" : "?";
    DatabaseConfig config = new DatabaseConfig(TestDatabases.PG_URL + sep + "currentSchema=" + schema,
        TestDatabases.PG_USER, "", 4);
    try (Connection admin = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "")) {
      admin.createStatement().execute("CREATE SCHEMA " + schema);
      try {
        Database.open(config).close(); // this build's schema, as a real server leaves it
        NewerCowatch.Versions versions = NewerCowatch.migrate(config, dir);
        List<String> history = history(admin, schema);
        List<String> tables = tables(admin, schema);
        assertThat(tables).anyMatch(t -> t.startsWith(NewerCowatch.TABLE + "(") && t.endsWith("rows=1"));

        assertThatThrownBy(() -> new TestServer(dir.resolve("data"), config)).isInstanceOf(NewerSchemaException.class)
            .hasMessage(expected(config, versions));

        assertThat(history(admin, schema)).isEqualTo(history);
        assertThat(tables(admin, schema)).isEqualTo(tables);
      } finally {
        admin.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static String expected(DatabaseConfig config, NewerCowatch.Versions versions) {
    return SchemaVersions.newerMessage(config.describe(), versions.applied(), BuildVersion.current(),
        versions.known());
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static List<String> history(Connection c) throws Exception {
    return rows(c, "SELECT version, description, checksum, success FROM flyway_schema_history ORDER BY installed_rank");
  }

  private static List<String> history(Connection c, String schema) throws Exception {
    return rows(c, "SELECT installed_rank, version, description, checksum, success, installed_on FROM " + schema
        + ".flyway_schema_history ORDER BY installed_rank");
  }

  /** Every table with its columns and row count: what a migration would change. */
  private static List<String> tables(Connection c, String schema) throws Exception {
    List<String> tables = new ArrayList<>();
    for (String name : rows(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
        + "' ORDER BY table_name")) {
      String columns = String.join(",", rows(c, "SELECT column_name || ' ' || data_type "
          + "FROM information_schema.columns WHERE table_schema = '" + schema + "' AND table_name = '" + name + "' ORDER BY ordinal_position"));
      tables.add(name + "(" + columns + ") rows=" + rows(c, "SELECT COUNT(*) FROM " + schema + "." + name).getFirst());
    }
    return tables;
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) cells.add(String.valueOf(rs.getObject(i)));
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }
}
