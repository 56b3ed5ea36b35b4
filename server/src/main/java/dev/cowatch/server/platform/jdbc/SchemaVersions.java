package dev.cowatch.server.platform.jdbc;

import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Whether this Cowatch may open a database, decided from two schema versions alone: the newest one the
 * database has applied and the newest migration this build has. An older database is migrated; a newer
 * one was written by a newer Cowatch and is refused before anything is written. Flyway itself ignores
 * applied migrations it does not know ({@code ignoreMigrationPatterns} {@code *:future}), so an old server
 * would otherwise run on tables and columns it was not written for, and write rows the newer one cannot read.
 */
public final class SchemaVersions {
  public enum Decision {
    /** Nothing applied yet, or older than this build: migrate. */
    MIGRATE,
    /** Exactly what this build has: nothing to do. */
    CURRENT,
    /** Applied by a newer Cowatch: refuse, change nothing. */
    REFUSE_NEWER
  }

  private SchemaVersions() {}

  /**
   * Compares as versions, never as text: {@code flyway_schema_history.version} is a string column, and
   * {@code MAX(version)} over V1..V15 answers "9".
   */
  public static Decision decide(Optional<MigrationVersion> applied, MigrationVersion newestKnown) {
    if (applied.isEmpty()) return Decision.MIGRATE;
    int order = applied.get().compareTo(newestKnown);
    if (order < 0) return Decision.MIGRATE;
    return order == 0 ? Decision.CURRENT : Decision.REFUSE_NEWER;
  }

  /** What the operator reads when a newer database is refused: where, both versions, and what to do. */
  public static String newerMessage(String where, MigrationVersion applied, String cowatchVersion,
      MigrationVersion newestKnown) {
    return "the database at " + where + " has schema version " + applied + ", newer than this Cowatch ("
        + cowatchVersion + ") knows (" + newestKnown + "): it was written by a newer Cowatch; start that version, "
        + "or restore a backup made for this one";
  }
}
