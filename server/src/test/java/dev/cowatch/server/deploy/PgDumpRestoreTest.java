package dev.cowatch.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.cli.CommandLines;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL backup of docs/operations.md, "Backups": {@code pg_dump -Fc} of the live database while
 * the server runs, {@code ./cowatch backup} for the data directory's secret and media, {@code pg_restore}
 * into a new database, a new server on the two: the account signs in, the rooms are there, the audit
 * chain is intact. Needs PostgreSQL at 127.0.0.1:5432 (database {@code test}, user postgres, trust) and
 * Debian's postgresql-client (the build installs it); fails when either is missing.
 */
class PgDumpRestoreTest {
  private static final String HOST = "127.0.0.1";
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":5432/test";
  private static final String USER = "postgres";

  @TempDir
  Path dir;

  @Test
  void pgDumpWhileRunning_restoresIntoANewDatabase_withTheAccountsRoomsAndAuditChain() throws Exception {
    byte[] random = new byte[6];
    new Random().nextBytes(random);
    String suffix = HexFormat.of().formatHex(random);
    String source = "cw_backup_src_" + suffix;
    String restored = "cw_backup_dst_" + suffix;
    sql("CREATE DATABASE " + source);
    try {
      List<String> rooms = new ArrayList<>();
      Path dump = dir.resolve("cowatch.dump");
      try (TestServer ts = new TestServer(dir.resolve("live"), database(source)); Api api = new Api(ts)) {
        String token = api.call("POST", "/api/auth/register", "{\"email\":\"pg@example.test\",\"password\":"
            + "\"correct horse battery\",\"displayName\":\"Pat\"}", null).json().get("accessToken").asText();
        for (int i = 0; i < 10; i++) {
          rooms.add(api.call("POST", "/api/rooms", "{\"name\":\"room " + i + "\"}", token).json().get("id").asText());
        }
        assertThat(serverMajor()).as("pg_dump must be at least the server's major version")
            .isLessThanOrEqualTo(toolMajor("pg_dump"));
        run("pg_dump", "-h", HOST, "-U", USER, "-Fc", "-f", dump.toString(), source);
        CommandLines.Run copy = CommandLines.run("backup", dir.resolve("copy").toString(), "--data-dir",
            dir.resolve("live").toString(), "--db-url", database(source).url(), "--db-user", USER);
        assertThat(copy.out()).contains("signing secret", "was not copied: back it up with pg_dump");
        assertThat(copy.exitCode()).isZero();
      }
      assertThat(Files.size(dump)).isGreaterThan(1_000);
      sql("CREATE DATABASE " + restored);
      run("pg_restore", "-h", HOST, "-U", USER, "--no-owner", "-d", restored, dump.toString());

      try (TestServer back = new TestServer(dir.resolve("copy"), database(restored)); Api api = new Api(back)) {
        assertThat(api.call("POST", "/api/auth/login", "{\"email\":\"pg@example.test\",\"password\":"
            + "\"correct horse battery\"}", null).status()).isEqualTo(200);
        for (String id : rooms) assertThat(back.server().rooms().service().find(new RoomId(id))).as(id).isPresent();
      }
      CommandLines.Run verify = CommandLines.run("audit", "verify", "--db-url", database(restored).url(),
          "--db-user", USER);
      assertThat(verify.out()).startsWith("audit: ok rows=");
    } finally {
      sql("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
      sql("DROP DATABASE IF EXISTS " + restored + " WITH (FORCE)");
    }
  }

  private static DatabaseConfig database(String name) {
    return new DatabaseConfig("jdbc:postgresql://" + HOST + ":5432/" + name, USER, "", 4);
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "")) {
      c.createStatement().execute(statement);
    }
  }

  private static int serverMajor() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
        ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
      rs.next();
      return Integer.parseInt(rs.getString(1)) / 10_000;
    }
  }

  /** "pg_dump (PostgreSQL) 15.20 (Debian ...)" -> 15. */
  private static int toolMajor(String tool) throws Exception {
    String version = run(tool, "--version");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\) (\\d+)").matcher(version);
    assertThat(m.find()).as(version).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }
}
