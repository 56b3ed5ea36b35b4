package dev.cowatch.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.cli.CommandLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/systemd/cowatch.service as systemd itself reads it ({@code systemd-analyze verify}, installed by the
 * build), in a root laid out as docs/operations.md says: the launcher at /opt/cowatch/cowatch and the unit in
 * /etc/systemd/system. Its hardening is scored by {@code systemd-analyze security}, and every variable of
 * deploy/systemd/cowatch.env is one the server reads.
 */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("..", "deploy", "systemd", "cowatch.service");
  private static final Path ENV = Path.of("..", "deploy", "systemd", "cowatch.env");
  /** systemd-analyze security's scale: up to 3.9 is "OK", from 4 "MEDIUM"; the unit scored 1.5 when written. */
  private static final double MOST_EXPOSURE = 3.9;

  @TempDir
  Path root;

  @Test
  void theUnit_verifies_andItsHardeningScoresOk() throws Exception {
    Files.createDirectories(root.resolve("opt/cowatch"));
    Files.copy(Path.of("..", "cowatch"), root.resolve("opt/cowatch/cowatch"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(root.resolve("etc/systemd/system"));
    Files.copy(UNIT, root.resolve("etc/systemd/system/cowatch.service"));
    copyTree(Path.of("/usr/lib/systemd/system"), root.resolve("usr/lib/systemd/system")); // the targets it names

    String verify = run("systemd-analyze", "verify", "--root=" + root, "/etc/systemd/system/cowatch.service");
    assertThat(verify).as("systemd-analyze verify says nothing about a good unit").isEmpty();

    String security = run("systemd-analyze", "security", "--offline=true", "--root=" + root,
        "/etc/systemd/system/cowatch.service");
    Matcher m = Pattern.compile("Overall exposure level for cowatch.service: (\\d+\\.\\d+) (\\w+)").matcher(security);
    assertThat(m.find()).as(security).isTrue();
    System.out.println("systemd: exposure " + m.group(1) + " " + m.group(2));
    assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(MOST_EXPOSURE);
  }

  @Test
  void everyVariableOfTheEnvironmentFile_isAnOptionOfTheServer() throws Exception {
    String help = CommandLines.run("--help").out().replaceAll("\\s+", " "); // as one line: the help wraps
    List<String> names = Files.readAllLines(ENV).stream().map(l -> l.replaceFirst("^#", ""))
        .filter(l -> l.matches("COWATCH_[A-Z_]+=.*")).map(l -> l.substring(0, l.indexOf('='))).toList();
    assertThat(names).hasSizeGreaterThan(5);
    assertThat(names).allSatisfy(name -> assertThat(help).as(name).contains("env " + name));
    assertThat(Files.readString(UNIT)).contains("EnvironmentFile=/etc/cowatch/cowatch.env", "SuccessExitStatus=143");
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }
}
