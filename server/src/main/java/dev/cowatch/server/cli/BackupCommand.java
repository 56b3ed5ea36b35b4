package dev.cowatch.server.cli;

import dev.cowatch.server.platform.jdbc.DataDirBackup;
import dev.cowatch.server.platform.jdbc.NewerSchemaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./cowatch backup DIR}: an online backup of the data directory while the server runs: the embedded
 * database as of one moment, the signing secret and the media files. DIR is then a data directory:
 * restoring is starting Cowatch with {@code --data-dir DIR} (docs/operations.md, "Backups").
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Copies the data directory (database, signing secret, media) into DIR while the server runs.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:copied", "1:the copy failed (DIR is left as far as it got)", "2:usage error"},
    footer = "%nOn PostgreSQL (--db-url) the database is not copied: back it up with pg_dump.")
final class BackupCommand implements Callable<Integer> {
  static final int FAILED = 1;

  @Spec
  CommandSpec spec;

  @Mixin
  DatabaseOptions database;

  @Parameters(paramLabel = "DIR", description = "Where the copy goes: a new or empty directory.")
  Path target;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    DataDirBackup.Copied copied;
    try {
      copied = DataDirBackup.copy(database.dataDir(), target, database.embedded());
    } catch (IOException | SQLException | NewerSchemaException e) {
      spec.commandLine().getErr().println("backup: failed: " + e.getMessage());
      return FAILED;
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    out.println("backup: " + target.toAbsolutePath() + ": "
        + (database.embedded() ? "database " + mib(copied.databaseBytes()) + ", " : "")
        + (copied.secret() ? "signing secret, " : "no signing secret (--jwt-secret?), ")
        + "media " + copied.mediaFiles() + " files " + mib(copied.mediaBytes()) + ", in " + ms + " ms");
    if (!database.embedded()) {
      out.println("backup: the database is PostgreSQL and was not copied: back it up with pg_dump "
          + "(docs/operations.md, \"Backups\")");
    }
    out.flush();
    return 0;
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
