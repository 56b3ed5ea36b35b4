package dev.cowatch.server.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One release's upgrade fixture, {@code src/test/resources/upgrade/<folder>/} (its README says which commit
 * and script made it): data directories to unzip, a pg_dump to restore, and what the old server made and
 * showed (the {@code .properties} files).
 */
final class UpgradeFixture {
  static final String PG_HOST = "127.0.0.1";
  static final String PG_ADMIN_URL = "jdbc:postgresql://" + PG_HOST + ":5432/test";
  static final String PG_USER = "postgres";

  private final String folder;

  UpgradeFixture(String folder) {
    this.folder = folder;
  }

  /** What the old server made and showed, for the store a file of the fixture came from. */
  Properties expected(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = open(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  /** Unzips a data directory of the fixture into {@code target}, as it was when the old server left it. */
  Path unzip(String name, Path target) throws IOException {
    Files.createDirectories(target);
    try (ZipInputStream zip = new ZipInputStream(open(name))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path to = target.resolve(e.getName()).normalize();
        if (!to.startsWith(target)) throw new IOException("entry outside the directory: " + e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(zip, to);
        }
      }
    }
    return target;
  }

  /**
   * Restores the fixture's plain pg_dump into a new database {@code name} with psql, as an operator would
   * (Debian's postgresql-client; the test fails without it or without PostgreSQL).
   */
  void restorePostgres(String dump, String name, Path scratch) throws Exception {
    Path file = scratch.resolve(dump);
    try (InputStream in = open(dump)) {
      Files.copy(in, file);
    }
    sql("CREATE DATABASE " + name);
    Process psql = new ProcessBuilder("psql", "-h", PG_HOST, "-U", PG_USER, "-d", name, "-v", "ON_ERROR_STOP=1", "-q",
        "-f", file.toString()).redirectErrorStream(true).redirectOutput(scratch.resolve("psql.log").toFile()).start();
    assertThat(psql.waitFor(60, TimeUnit.SECONDS)).as("psql finished").isTrue();
    assertThat(psql.exitValue()).as("psql: %s", Files.readString(scratch.resolve("psql.log"))).isZero();
  }

  static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, "")) {
      c.createStatement().execute(statement);
    }
  }

  private InputStream open(String name) throws IOException {
    InputStream in = UpgradeFixture.class.getResourceAsStream("/upgrade/" + folder + "/" + name);
    if (in == null) throw new IOException("no fixture file upgrade/" + folder + "/" + name);
    return in;
  }
}
