package dev.cowatch.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code ./cowatch ...} command lines (the operator's commands) in the test's process. */
public final class CommandLines {
  private CommandLines() {}

  /** Exit code, standard output and standard error of one command line. */
  public record Run(int exitCode, String out, String err) {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * {@link #run}, with what goes to the process's standard error in {@link Run#err} too: an option that Main checks
   * itself is refused through a command line of its own, whose errors go there (as they do for the operator). The
   * caller's class is {@code @Isolated}, since System.err is replaced for the while.
   */
  public static Run runCatchingStandardError(String... args) {
    java.io.PrintStream before = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Run run = run(args);
      return new Run(run.exitCode(), run.out(), run.err() + err.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setErr(before);
    }
  }
}
