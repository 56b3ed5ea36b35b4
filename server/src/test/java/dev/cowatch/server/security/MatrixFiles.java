package dev.cowatch.server.security;

/** Where the authorization matrix's table lives on the test class path. */
final class MatrixFiles {
  static final String TABLE = "/dev/cowatch/server/security/authorization-matrix.tsv";

  private MatrixFiles() {}

  /** Deletes a data directory made by {@link #dataDir}, so that memory is given back. */
  static void delete(java.nio.file.Path dir) {
    try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      // Left behind in a temporary directory: nothing a test answers depends on it.
    }
  }

  /**
   * The matrix server's data directory: in memory where the machine has {@code /dev/shm}. The matrix makes
   * a few hundred small worlds, each a few dozen SQLite commits, and every commit waits for the disk
   * otherwise (synchronous=FULL).
   */
  static java.nio.file.Path dataDir() {
    java.nio.file.Path shm = java.nio.file.Path.of("/dev/shm");
    if (!java.nio.file.Files.isDirectory(shm) || !java.nio.file.Files.isWritable(shm)) return dev.cowatch.server.TestServer.tempDir();
    try {
      return java.nio.file.Files.createTempDirectory(shm, "cowatch-matrix");
    } catch (java.io.IOException e) {
      return dev.cowatch.server.TestServer.tempDir();
    }
  }
}
