package dev.cowatch.server.upgrade;

import dev.cowatch.core.Tolerances;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data the previous version wrote (schema V15, before media grants; the fixture's README says which commit and
 * script made it) opens on this one with everything people made still there, checked through the API. The next
 * release makes its own fixture with scripts/make-upgrade-fixture.sh and points {@link #PREVIOUS} at it.
 * PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and Debian's psql are needed; the test fails without them.
 */
class UpgradeFromPreviousReleaseTest {
  static final UpgradeFixture PREVIOUS = new UpgradeFixture("v15");

  @TempDir Path dir;

  /** Stopped on SIGTERM, and killed: then most of the data is in the write-ahead log beside the database file. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite-stopped.zip", "sqlite-killed.zip"})
  void sqliteDataDirectory_opensWithEverythingTheOldServerShowed(String zip) throws Exception {
    Path data = PREVIOUS.unzip(zip, dir.resolve("data"));
    try (TestServer server = new TestServer(data, Tolerances.DEFAULTS, Limits.DEFAULTS); Api api = new Api(server)) {
      new WhatTheOldServerMade(server, api, PREVIOUS.expected("sqlite.properties")).checkAll();
    }
  }

  @Test
  void postgresqlDump_restoredIntoANewDatabase_opensWithEverythingTheOldServerShowed() throws Exception {
    byte[] random = new byte[6];
    new Random().nextBytes(random);
    String database = "cw_upgrade_" + HexFormat.of().formatHex(random);
    try {
      PREVIOUS.restorePostgres("postgresql.sql", database, dir);
      Path data = PREVIOUS.unzip("postgresql-files.zip", dir.resolve("data"));
      DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://" + UpgradeFixture.PG_HOST + ":5432/" + database,
          UpgradeFixture.PG_USER, "", 4);
      try (TestServer server = new TestServer(data, config); Api api = new Api(server)) {
        new WhatTheOldServerMade(server, api, PREVIOUS.expected("postgresql.properties")).checkAll();
      }
    } finally {
      UpgradeFixture.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}
