package dev.cowatch.server.cli;

import ch.qos.logback.classic.Level;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What the operator's commands ({@code audit verify}, {@code admin ...}) share: the server's database,
 * opened (and migrated) as the server opens it, whether the server runs or not, with the pool's and
 * migrations' INFO lines kept out of the command's answer.
 */
final class OperatorDatabase {
  /** Exit status when there is no database there or it cannot be reached. */
  static final int CANNOT_OPEN = 3;
  private static final List<String> DATABASE_OPTIONS =
      List.of("--data-dir", "--db-url", "--db-user", "--db-password", "--db-pool-size");

  private OperatorDatabase() {}

  /**
   * Runs {@code work} on the database {@code options} name. When there is no embedded database there, or
   * the database cannot be reached or read, says so on stderr after {@code cannot} (e.g. "audit: cannot
   * check") and answers CANNOT_OPEN.
   */
  static int with(CommandSpec spec, String command, String cannot, DatabaseOptions options,
      Function<Database, Integer> work) {
    ParseResult root = spec.root().commandLine().getParseResult();
    for (String option : DATABASE_OPTIONS) {
      // Given before the command's name, an option would configure the server, not this command: say so.
      if (root != null && root.hasMatchedOption(option)) {
        throw new ParameterException(spec.commandLine(), option + " goes after '" + command + "'");
      }
    }
    Path file = options.dataDir().resolve(DatabaseConfig.EMBEDDED_FILE);
    if (options.embedded() && !Files.exists(file)) {
      spec.commandLine().getErr().println(command.split(" ")[0] + ": no database in "
          + options.dataDir().toAbsolutePath() + " (expected " + file.getFileName() + ")");
      return CANNOT_OPEN;
    }
    Level before = quietLogs();
    try (Database db = Database.open(options.config())) {
      return work.apply(db);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println(cannot + ": " + e.getMessage());
      return CANNOT_OPEN;
    } finally {
      restoreLogs(before);
    }
  }

  /** Opening the database logs at INFO (pool, migrations); the verdict should stand alone. */
  private static Level quietLogs() {
    if (System.getenv("COWATCH_LOG_LEVEL") != null) return null;
    if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root)) {
      return null;
    }
    Level before = root.getLevel();
    root.setLevel(Level.WARN);
    return before;
  }

  private static void restoreLogs(Level before) {
    if (before != null && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(before);
    }
  }
}
