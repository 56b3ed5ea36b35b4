package dev.cowatch.server;

import ch.qos.logback.classic.Level;
import dev.cowatch.server.audit.AuditVerifier;
import dev.cowatch.server.audit.JdbcAuditLog;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code ./cowatch audit ...}: operator commands on the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = AuditCommand.Verify.class,
    description = "Operator commands on the tamper-evident audit log.")
final class AuditCommand implements Runnable {
  /** Exit codes of {@code audit verify}; 2 is picocli's for a usage error. */
  static final int INTACT = 0;
  static final int BROKEN = 1;
  static final int CANNOT_CHECK = 3;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: verify");
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Checks every row of the audit log against its hash and the row before it.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
          "0:the log is intact",
          "1:the log was altered: a row changed, deleted or reordered",
          "2:usage error",
          "3:no database there, or it could not be opened"},
      footer = "%nThe database options are those of the server, with the same environment variables.")
  static final class Verify implements Callable<Integer> {
    private static final List<String> DATABASE_OPTIONS =
        List.of("--data-dir", "--db-url", "--db-user", "--db-password", "--db-pool-size");

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ParseResult root = spec.root().commandLine().getParseResult();
      for (String option : DATABASE_OPTIONS) {
        // Given before "audit", an option would configure the server, not this command: say so.
        if (root != null && root.hasMatchedOption(option)) {
          throw new ParameterException(spec.commandLine(), option + " goes after 'audit verify'");
        }
      }
      if (database.embedded() && !Files.exists(embeddedFile(database.dataDir()))) {
        err.println("audit: no database in " + database.dataDir().toAbsolutePath()
            + " (expected " + embeddedFile(database.dataDir()).getFileName() + ")");
        return CANNOT_CHECK;
      }
      AuditVerifier.Result result;
      Level before = quietLogs();
      try (Database db = Database.open(database.config())) {
        result = new JdbcAuditLog(db, Clock.systemUTC()).verify();
      } catch (RuntimeException e) {
        err.println("audit: cannot check: " + e.getMessage());
        return CANNOT_CHECK;
      } finally {
        restoreLogs(before);
      }
      switch (result) {
        case AuditVerifier.Intact ok -> {
          out.println("audit: ok rows=" + ok.rows() + " head=" + ok.headHash());
          out.flush();
          return INTACT;
        }
        case AuditVerifier.Broken broken -> {
          out.println("audit: BROKEN " + (broken.seq() > 0 ? "at row " + broken.seq() + ": " : ": ") + broken.message());
          out.flush();
          return BROKEN;
        }
      }
    }

    private static Path embeddedFile(Path dataDir) {
      return dataDir.resolve(DatabaseConfig.EMBEDDED_FILE);
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
}
