package dev.cowatch.server.platform.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The two databases every repository test runs against: the embedded SQLite store and the PostgreSQL
 * on 127.0.0.1:5432, each fresh (a new SQLite file in a temporary directory, deleted at close; a new
 * PostgreSQL schema, dropped at close). When PostgreSQL is
 * missing the PostgreSQL cases fail; they never skip.
 *
 * <p>Use as {@code @ParameterizedTest @MethodSource("dev.cowatch.server.platform.jdbc.TestDatabases#both")}
 * and close the database at the end of the test (try-with-resources).
 */
public final class TestDatabases {
  /** Override with COWATCH_TEST_PG_URL / COWATCH_TEST_PG_USER to use another server. */
  static final String PG_URL = env("COWATCH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = env("COWATCH_TEST_PG_USER", "postgres");

  private TestDatabases() {}

  /** Suppliers, so that opening (and a PostgreSQL failure) happens inside the test, not in discovery. */
  public static Stream<Named<Opener>> both() {
    return Stream.of(Named.<Opener>of("sqlite", TestDatabases::sqlite), Named.<Opener>of("postgresql", TestDatabases::postgres));
  }

  /** Opens a fresh, migrated database. */
  @FunctionalInterface
  public interface Opener {
    Database open();
  }

  /** A fresh embedded store: the server's default, in a directory of its own that goes at close. */
  public static Database sqlite() {
    Path dir = temporaryDirectory();
    return Database.open(DatabaseConfig.embedded(dir), () -> deleteTree(dir));
  }

  /** A fresh directory for an embedded store (a server's database kept off its data directory). */
  public static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("cowatch-test-db");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh schema in the test PostgreSQL, dropped when the database closes. */
  public static Database postgres() {
    String schema = "cw_test_" + UUID.randomUUID().toString().replace("-", "");
    exec("CREATE SCHEMA " + schema);
    String sep = PG_URL.contains("?") ? "&" : "?";
    return Database.open(new DatabaseConfig(PG_URL + sep + "currentSchema=" + schema, PG_USER, "", 4),
        () -> exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /** A database for a whole server (a {@code TestServer}), and what to do once the server has closed. */
  public record ForServer(DatabaseConfig config, Runnable dispose) {}

  /** The two databases for servers: the embedded store in {@code dataDir}, and a fresh PostgreSQL schema. */
  public static Stream<Named<java.util.function.Function<java.nio.file.Path, ForServer>>> bothForServers() {
    return Stream.of(
        Named.<java.util.function.Function<java.nio.file.Path, ForServer>>of("sqlite",
            dir -> new ForServer(DatabaseConfig.embedded(dir), () -> { })),
        Named.<java.util.function.Function<java.nio.file.Path, ForServer>>of("postgresql", dir -> {
          String schema = "cw_test_" + UUID.randomUUID().toString().replace("-", "");
          exec("CREATE SCHEMA " + schema);
          String sep = PG_URL.contains("?") ? "&" : "?";
          return new ForServer(new DatabaseConfig(PG_URL + sep + "currentSchema=" + schema, PG_USER, "", 4),
              () -> exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        }));
  }

  private static void exec(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + PG_URL + " is required for this test: " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
