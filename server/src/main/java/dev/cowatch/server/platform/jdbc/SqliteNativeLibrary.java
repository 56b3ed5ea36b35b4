package dev.cowatch.server.platform.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * SQLite's native library, extracted once into the data directory instead of on every start.
 *
 * <p>sqlite-jdbc copies the library (about 1 MiB) out of its jar into the temporary directory under a
 * new name at each start, reads it back to compare, and leaves a copy behind when the process is killed:
 * a tenth of a second or more of the start's critical path (the database thread) on a busy machine. Here
 * the library is kept in the user's cache directory ({@code $XDG_CACHE_HOME} or {@code ~/.cache}, else the
 * data directory), under {@code cowatch/native/sqlite-<version>/<os>/<arch>/}, written under a temporary
 * name and renamed when whole, and sqlite-jdbc is pointed at it. Both directories are the user's own, so
 * nobody else can put a library there (a fixed name under /tmp could be planted).
 * Anything unusual (a platform without a bundled library, a directory that cannot be written, the
 * properties already set) leaves sqlite-jdbc to do as it always did.
 *
 * <p>sqlite-jdbc names the library's folder after the platform ({@code Linux/x86_64}, {@code Linux-Musl/...},
 * {@code Linux-Android/...}), and finding out runs {@code uname -o} in a new process every time it is asked
 * (10-15 ms on an idle machine, 65-160 ms the first time in a JVM on a busy one, on the database thread
 * that the start waits for). The answer is written down beside the library, per JVM platform
 * ({@code os.name}, {@code os.arch}), and read back on later starts. Should it be wrong (a home directory
 * shared by a glibc and a musl system), the library fails to load and sqlite-jdbc extracts its own.
 */
final class SqliteNativeLibrary {
  private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /** Points sqlite-jdbc at the library in the user's cache (or {@code dataDir}), extracting it first when it is missing. */
  static void useFrom(Path dataDir) {
    if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) return;
    try {
      extracted(cacheDirectory().orElse(dataDir)).ifPresent(lib -> {
        System.setProperty(PATH_PROPERTY, lib.getParent().toString());
        System.setProperty(NAME_PROPERTY, lib.getFileName().toString());
      });
    } catch (IOException | RuntimeException e) {
      log.debug("SQLite's native library is extracted by sqlite-jdbc itself: {}", e.toString());
    }
  }

  /** {@code $XDG_CACHE_HOME} when it is an absolute path, else {@code ~/.cache} when there is a home directory. */
  static Optional<Path> cacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && xdg.startsWith("/")) return Optional.of(Path.of(xdg, "cowatch"));
    String home = System.getProperty("user.home");
    if (home == null || home.isBlank() || home.equals("?") || !Files.isDirectory(Path.of(home))) return Optional.empty();
    return Optional.of(Path.of(home, ".cache", "cowatch"));
  }

  /** The library under {@code base}, written now if it was not there; empty when the jar has none for this platform. */
  static Optional<Path> extracted(Path base) throws IOException {
    Path versionDir = base.resolve("native").resolve("sqlite-" + SQLiteJDBCLoader.getVersion());
    String folder = folder(versionDir);
    String name = System.mapLibraryName("sqlitejdbc");
    String resource = "/org/sqlite/native/" + folder + "/" + name;
    Path dir = versionDir.resolve(folder);
    Path lib = dir.resolve(name);
    if (Files.isRegularFile(lib)) return Optional.of(lib.toAbsolutePath());
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) return Optional.empty();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, name, ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        try {
          Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return Optional.of(lib.toAbsolutePath());
  }

  /** sqlite-jdbc's folder for this platform, as written down by an earlier start, else asked for and written down. */
  static String folder(Path versionDir) throws IOException {
    Path note = versionDir.resolve(platformKey() + ".folder");
    if (Files.isRegularFile(note)) {
      String folder = Files.readString(note, StandardCharsets.UTF_8).strip();
      if (PLAUSIBLE_FOLDER.matcher(folder).matches()) return folder;
    }
    String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
    Files.createDirectories(versionDir);
    Path tmp = Files.createTempFile(versionDir, "folder", ".tmp");
    try {
      Files.writeString(tmp, folder, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, note, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, note, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return folder;
  }

  /** What the JVM says about its platform without asking anyone: os.name and os.arch, made safe for a file name. */
  static String platformKey() {
    return (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** sqlite-jdbc's folders are an OS and an architecture: a note saying anything else (a path upwards) is ignored. */
  private static final java.util.regex.Pattern PLAUSIBLE_FOLDER = java.util.regex.Pattern.compile(
      "[A-Za-z0-9_-]+/[A-Za-z0-9_-]+");
}
