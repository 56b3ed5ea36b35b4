package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

class SqliteNativeLibraryTest {
  @TempDir
  Path dir;

  @Test
  void extracted_isTheJarsLibrary_writtenOnce() throws Exception {
    Path lib = SqliteNativeLibrary.extracted(dir).orElseThrow();
    assertThat(lib).startsWith(dir.resolve("native/sqlite-" + SQLiteJDBCLoader.getVersion()));
    byte[] expected;
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream("/org/sqlite/native/"
        + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + System.mapLibraryName("sqlitejdbc"))) {
      expected = in.readAllBytes();
    }
    assertThat(Files.readAllBytes(lib)).isEqualTo(expected);
    FileTime marked = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    Files.setLastModifiedTime(lib, marked);

    assertThat(SqliteNativeLibrary.extracted(dir)).contains(lib);
    assertThat(Files.getLastModifiedTime(lib)).as("not written again").isEqualTo(marked);
    try (var files = Files.list(lib.getParent())) {
      assertThat(files).as("no temporary file left").containsExactly(lib);
    }
  }

  @Test
  void folder_isAskedOnce_thenReadFromTheNote() throws Exception {
    Path versionDir = dir.resolve("native/sqlite-x");
    String asked = SqliteNativeLibrary.folder(versionDir);
    assertThat(asked).isEqualTo(OSInfo.getNativeLibFolderPathForCurrentOS());
    Path note = versionDir.resolve(SqliteNativeLibrary.platformKey() + ".folder");
    assertThat(note).hasContent(asked);

    // Stands in for another platform's answer: proof that the note, not sqlite-jdbc, answered.
    Files.writeString(note, "Linux-Musl/x86_64");
    assertThat(SqliteNativeLibrary.folder(versionDir)).isEqualTo("Linux-Musl/x86_64");
    try (var files = Files.list(versionDir)) {
      assertThat(files).as("no temporary file left").containsExactly(note);
    }
  }

  @Test
  void folder_ignoresANoteThatIsNotAFolderName() throws Exception {
    Path versionDir = Files.createDirectories(dir.resolve("native/sqlite-x"));
    Path note = versionDir.resolve(SqliteNativeLibrary.platformKey() + ".folder");
    Files.writeString(note, "../../elsewhere");
    assertThat(SqliteNativeLibrary.folder(versionDir)).isEqualTo(OSInfo.getNativeLibFolderPathForCurrentOS());
    assertThat(note).hasContent(OSInfo.getNativeLibFolderPathForCurrentOS());
  }
}
