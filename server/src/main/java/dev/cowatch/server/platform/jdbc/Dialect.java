package dev.cowatch.server.platform.jdbc;

import java.util.List;

/**
 * The SQL engines Cowatch stores in, and the little that differs between them. The repositories
 * write one SQL for all; where an engine needs other words, the SQL names a Jdbi attribute
 * ({@code <forUpdate>}) that {@link Database} defines per engine, and the few migrations whose DDL
 * cannot be shared live in a folder per engine beside the common ones.
 */
public enum Dialect {
  /** Production: many nodes, durable commits. */
  POSTGRESQL("postgresql", " FOR UPDATE"),
  /**
   * The embedded default. A writing transaction takes the database's write lock when it begins
   * ({@code BEGIN IMMEDIATE}), so a row read to be changed is as good as locked: no {@code FOR UPDATE}.
   */
  SQLITE("sqlite", ""),
  /** The embedded store before SQLite: opened only to copy an old data directory over (LegacyH2Import). */
  H2("postgresql", " FOR UPDATE");

  private final String migrationFolder;
  private final String forUpdate;

  Dialect(String migrationFolder, String forUpdate) {
    this.migrationFolder = migrationFolder;
    this.forUpdate = forUpdate;
  }

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
    if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
    throw new IllegalArgumentException("unsupported database (use PostgreSQL, or leave the URL out for the embedded "
        + "store): " + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 40)));
  }

  /** Flyway's locations: the migrations every engine shares, then this engine's own. */
  List<String> migrationLocations() {
    return List.of("classpath:db/migration/common", "classpath:db/migration/" + migrationFolder);
  }

  /** What {@code <forUpdate>} in a repository's SQL becomes. */
  String forUpdate() {
    return forUpdate;
  }
}
