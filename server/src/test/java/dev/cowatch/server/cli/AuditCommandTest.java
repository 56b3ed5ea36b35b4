package dev.cowatch.server.cli;

import static dev.cowatch.server.cli.CommandLines.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.cli.CommandLines.Run;
import picocli.CommandLine;

import dev.cowatch.server.audit.AuditAction;
import dev.cowatch.server.audit.AuditEntry;
import dev.cowatch.server.audit.AuditVerifier;
import dev.cowatch.server.audit.JdbcAuditLog;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir
  Path dataDir;

  private String appendFive() {
    try (Database db = Database.open(DatabaseConfig.embedded(dataDir))) {
      JdbcAuditLog log = new JdbcAuditLog(db, Clock.systemUTC());
      for (int i = 1; i <= 5; i++) {
        log.append(new AuditEntry(AuditAction.MEMBER_KICKED, "u-owner", "room:r1", Map.of("user", "u-" + i), null));
      }
      return ((AuditVerifier.Intact) log.verify()).headHash();
    }
  }

  private void sql(String statement) {
    try (Database db = Database.open(DatabaseConfig.embedded(dataDir))) {
      db.jdbi().useHandle(h -> h.execute(statement));
    }
  }

  @Test
  void verify_intactLog_printsOkWithRowsAndHeadAndExitsZero() {
    String head = appendFive();
    Run run = run("audit", "verify", "--data-dir", dataDir.toString());
    assertThat(run.out()).isEqualTo("audit: ok rows=5 head=" + head + System.lineSeparator());
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void verify_alteredRow_printsBrokenAtThatRowAndExitsOne() {
    appendFive();
    sql("UPDATE audit_log SET details = '{\"user\":\"someone-else\"}' WHERE seq = 3");
    Run run = run("audit", "verify", "--data-dir", dataDir.toString());
    assertThat(run.out()).isEqualTo("audit: BROKEN at row 3: hash does not match its contents" + System.lineSeparator());
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void verify_deletedRow_namesTheNextRowAndExitsOne() {
    appendFive();
    sql("DELETE FROM audit_log WHERE seq = 2");
    Run run = run("audit", "verify", "--data-dir", dataDir.toString());
    assertThat(run.out()).startsWith("audit: BROKEN at row 3: ");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void verify_emptyDataDir_saysThereIsNoDatabaseAndExitsThree() {
    Run run = run("audit", "verify", "--data-dir", dataDir.resolve("typo").toString());
    assertThat(run.err()).startsWith("audit: no database in ");
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void verify_unreachableDatabase_exitsThree() {
    Run run = run("audit", "verify", "--db-url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
    assertThat(run.err()).startsWith("audit: cannot check: cannot connect to the database");
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @Test
  void verify_databaseOptionBeforeTheSubcommand_isAUsageError() {
    Run run = run("--data-dir", dataDir.toString(), "audit", "verify");
    assertThat(run.err()).contains("--data-dir goes after 'audit verify'");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void audit_withoutSubcommand_isAUsageError() {
    Run run = run("audit");
    assertThat(run.err()).contains("missing subcommand: verify");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void serverOptions_stillParseWithoutASubcommand() {
    Main main = new Main();
    CommandLine.ParseResult parsed = new CommandLine(main).parseArgs("--port", "9000", "--host", "127.0.0.1",
        "--data-dir", "/tmp/x", "--db-url", "jdbc:postgresql://db/cw", "--db-user", "cw", "--db-pool-size", "4",
        "--max-rooms", "10");
    assertThat(parsed.subcommand()).isNull();
    assertThat(main.port).isEqualTo(9000);
    assertThat(main.database.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(main.database.config().url()).isEqualTo("jdbc:postgresql://db/cw");
    assertThat(main.database.config().poolSize()).isEqualTo(4);
  }

  @Test
  void help_listsTheServerOptionsAndTheAuditCommand() {
    Run run = run("--help");
    assertThat(run.out()).contains("--port", "--data-dir", "--db-url", "audit");
    assertThat(run.exitCode()).isZero();
  }
}
