package dev.cowatch.server.cli;

import dev.cowatch.server.audit.AuditVerifier;
import dev.cowatch.server.audit.JdbcAuditLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cowatch audit ...}: operator commands on the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = AuditCommand.Verify.class,
    description = "Operator commands on the tamper-evident audit log.")
final class AuditCommand implements Runnable {
  /** Exit codes of {@code audit verify}; 2 is picocli's for a usage error. */
  static final int INTACT = 0;
  static final int BROKEN = 1;
  static final int CANNOT_CHECK = OperatorDatabase.CANNOT_OPEN;

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
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return OperatorDatabase.with(spec, "audit verify", "audit: cannot check", database, db -> {
        switch (new JdbcAuditLog(db, Clock.systemUTC()).verify()) {
          case AuditVerifier.Intact ok -> {
            out.println("audit: ok rows=" + ok.rows() + " head=" + ok.headHash());
            out.flush();
            return INTACT;
          }
          case AuditVerifier.Broken broken -> {
            out.println("audit: BROKEN " + (broken.seq() > 0 ? "at row " + broken.seq() + ": " : ": ")
                + broken.message());
            out.flush();
            return BROKEN;
          }
        }
      });
    }
  }
}
