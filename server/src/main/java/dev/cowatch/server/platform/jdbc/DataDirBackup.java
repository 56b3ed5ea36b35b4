package dev.cowatch.server.platform.jdbc;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An online backup of a data directory: a consistent copy of the embedded SQLite store taken while the
 * server runs ({@code VACUUM INTO}: one read transaction, so the copy is the database as of one commit,
 * compacted, with no write-ahead log beside it), the signing secret, and the media files. The copy is a
 * data directory: start Cowatch on it (or on a copy of it) to restore.
 *
 * <p>Order matters: the database first, then the media. Bytes are written before their row (docs/architecture.md),
 * so every item the copied database names was complete on disk before the copy began and is copied too;
 * an item deleted between the two steps would miss its bytes, which is why a backup logs how long it took.
 */
public final class DataDirBackup {
  /** What the server keeps there besides the database; unfinished uploads ({@code uploads/}) are not kept. */
  public static final String SECRET_FILE = "jwt-secret";
  public static final String MEDIA_DIR = "media";
  /**
   * How long the copy waits for the server's writer (a checkpoint) before giving up; a copy itself does
   * not stop the server's writes (readers never wait in write-ahead-log mode, nor make the writer wait).
   */
  static final int BUSY_TIMEOUT_MS = 30_000;

  public record Copied(long databaseBytes, boolean secret, long mediaFiles, long mediaBytes) {}

  private DataDirBackup() {}

  /**
   * Copies {@code dataDir} into {@code target}, which must not exist or be empty.
   *
   * @param withDatabase false when the database is elsewhere (PostgreSQL: pg_dump backs it up)
   * @throws NewerSchemaException when a newer Cowatch wrote the database (nothing is copied)
   */
  public static Copied copy(Path dataDir, Path target, boolean withDatabase) throws IOException, SQLException {
    Path source = dataDir.resolve(DatabaseConfig.EMBEDDED_FILE);
    if (withDatabase && !Files.isRegularFile(source)) {
      throw new IOException("no database in " + dataDir.toAbsolutePath() + " (expected " + DatabaseConfig.EMBEDDED_FILE + ")");
    }
    // A database a newer Cowatch wrote is not this build's to copy as a data directory for itself: refused as
    // the server refuses it (Migrations), before the target is made.
    if (withDatabase) {
      Migrations.refuseNewer(readerOf(source), Dialect.SQLITE, "jdbc:sqlite:" + source.toAbsolutePath());
    }
    if (Files.exists(target)) {
      try (var entries = Files.list(target)) {
        if (entries.findAny().isPresent()) throw new IOException(target.toAbsolutePath() + " is not empty");
      }
    }
    Files.createDirectories(target);
    long dbBytes = 0;
    if (withDatabase) {
      Path db = target.resolve(DatabaseConfig.EMBEDDED_FILE);
      vacuumInto(source, db);
      dbBytes = Files.size(db);
    }
    boolean secret = Files.isRegularFile(dataDir.resolve(SECRET_FILE));
    if (secret) {
      Files.copy(dataDir.resolve(SECRET_FILE), target.resolve(SECRET_FILE), StandardCopyOption.COPY_ATTRIBUTES);
    }
    long[] media = copyTree(dataDir.resolve(MEDIA_DIR), target.resolve(MEDIA_DIR));
    return new Copied(dbBytes, secret, media[0], media[1]);
  }

  private static void vacuumInto(Path source, Path target) throws SQLException {
    try (Connection c = readerOf(source).getConnection();
        PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
      s.setString(1, target.toAbsolutePath().toString());
      s.execute();
    }
  }

  /** Connections that read the store while the server writes it. */
  private static SQLiteDataSource readerOf(Path source) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // Not read-only: a reader of a write-ahead-log database may have to create its shared-memory index.
    SQLiteDataSource reader = new SQLiteDataSource(config);
    reader.setUrl("jdbc:sqlite:" + source.toAbsolutePath());
    return reader;
  }

  /** Files and bytes copied; a missing {@code from} copies nothing. */
  private static long[] copyTree(Path from, Path to) throws IOException {
    long[] counts = new long[2];
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) return counts;
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
        try {
          Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
          return FileVisitResult.CONTINUE; // deleted by the server while the copy ran: its row is gone too
        }
        counts[0]++;
        counts[1] += attrs.size();
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof java.nio.file.NoSuchFileException) return FileVisitResult.CONTINUE;
        throw e;
      }
    });
    return counts;
  }
}
