package dev.cowatch.server.platform.jdbc;

import dev.cowatch.server.platform.BuildVersion;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one way Cowatch opens a schema, wherever it does (the server, the operator's commands, the H2 import,
 * the backup): first {@link SchemaVersions} decides from what Flyway reads (the database's history and this
 * build's migrations; reading writes nothing, not even the history table), and only a database this build
 * knows is migrated. A database already at this build's schema is left to itself: no migrate() at all.
 */
final class Migrations {
  private Migrations() {}

  /** The schema version after opening, and how many migrations that took. */
  record Migrated(MigrationVersion version, int applied) {}

  /**
   * Migrates {@code ds} to this build's newest schema, or throws {@link NewerSchemaException} without
   * having written anything.
   *
   * @param oneTransaction all pending migrations in one transaction (SQLite: its DDL is transactional)
   */
  static Migrated migrate(DataSource ds, Dialect dialect, String where, boolean oneTransaction) {
    Flyway flyway = flyway(ds, dialect).group(oneTransaction).load();
    MigrationInfoService info = flyway.info();
    MigrationVersion known = newestKnown(info);
    if (refuseNewer(info, known, where) == SchemaVersions.Decision.CURRENT && plainlyCurrent(info)) {
      // A restart: migrate() would read all this again (taking about as long as info() did, measured) only to
      // find nothing to do.
      return new Migrated(known, 0);
    }
    MigrateResult result = flyway.migrate();
    return new Migrated(result.targetSchemaVersion == null ? known
        : MigrationVersion.fromVersion(result.targetSchemaVersion), result.migrationsExecuted);
  }

  /** Throws {@link NewerSchemaException} when {@code ds} holds a schema newer than this build's. */
  static void refuseNewer(DataSource ds, Dialect dialect, String where) {
    MigrationInfoService info = flyway(ds, dialect).load().info();
    refuseNewer(info, newestKnown(info), where);
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds, Dialect dialect) {
    return Flyway.configure().dataSource(ds).locations(dialect.migrationLocations().toArray(String[]::new));
  }

  private static SchemaVersions.Decision refuseNewer(MigrationInfoService info, MigrationVersion known, String where) {
    Optional<MigrationVersion> applied = newestApplied(info);
    SchemaVersions.Decision decision = SchemaVersions.decide(applied, known);
    if (decision == SchemaVersions.Decision.REFUSE_NEWER) {
      throw new NewerSchemaException(SchemaVersions.newerMessage(where, applied.orElseThrow(),
          BuildVersion.current(), known));
    }
    return decision;
  }

  /**
   * Every migration applied, successfully, exactly as this build has it. Anything else (a failed or missing
   * migration, an edited script) goes to migrate(), whose validation says what is wrong as it always did.
   */
  private static boolean plainlyCurrent(MigrationInfoService info) {
    return Arrays.stream(info.all()).allMatch(m -> m.getState() == MigrationState.SUCCESS && m.isChecksumMatching()
        && m.isDescriptionMatching() && m.isTypeMatching());
  }

  /** The highest version the database applied successfully, known to this build or not. */
  private static Optional<MigrationVersion> newestApplied(MigrationInfoService info) {
    return Arrays.stream(info.applied())
        .filter(m -> m.getVersion() != null && !m.getState().isFailed())
        .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo);
  }

  /** The highest version among this build's own migrations (found on the class path). */
  private static MigrationVersion newestKnown(MigrationInfoService info) {
    return Arrays.stream(info.all())
        .filter(m -> m.getVersion() != null && m.getState().isResolved())
        .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo)
        .orElseThrow(() -> new IllegalStateException("no migrations on the class path (db/migration)"));
  }
}
