package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's orchestration against fake launchers (the real server's start-up is the benchmark's
 * business, docs/performance.md): figures when the health check answers, {@code error} otherwise.
 */
class StartupBenchTest {
  @TempDir
  Path dir;

  private Path launcher(String body) throws IOException {
    Path script = dir.resolve("cowatch");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static StartupBench.Scenario oneRound(Path launcher) {
    return new StartupBench.Scenario(launcher, 1, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  private static String run(StartupBench.Scenario scenario, StartupResult[] result) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    result[0] = new StartupBench(scenario).runBounded(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLauncherWhoseServerAnswers_givesFigures_forAnEmptyDataDirAndARestart() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path fake = launcher("exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
        + FakeHealthServer.class.getName() + " \"$@\"");
    StartupResult[] result = new StartupResult[1];
    String out = run(oneRound(fake), result);

    assertThat(result[0].ok()).as(out).isTrue();
    assertThat(result[0].empty()).hasSize(1);
    assertThat(result[0].restarts()).hasSize(1);
    StartupSample first = result[0].empty().getFirst();
    assertThat(first.readyMs()).isPositive();
    assertThat(first.rssKib()).as("a JVM's resident memory").isGreaterThan(10_000);
    assertThat(result[0].line()).matches("startup: ready_ms=\\d+ rss_mib=\\d+ first_request_ms=\\d+");
    assertThat(out).contains("warm-up start (not counted):", "round 1: empty data dir", "; restart ");
  }

  @Test
  void aLauncherThatFails_givesError_withItsLastWords() throws Exception {
    Path failing = launcher("echo 'cowatch: needs a JDK 21 or newer' >&2; exit 3");
    StartupResult[] result = new StartupResult[1];
    String out = run(oneRound(failing), result);

    assertThat(result[0].line()).isEqualTo("startup: ready_ms=error rss_mib=error first_request_ms=error");
    assertThat(out).contains("exited with 3: cowatch: needs a JDK 21 or newer");
  }

  @Test
  void aServerThatNeverAnswers_timesOut_asAnError() throws Exception {
    Path silent = launcher("exec sleep 60");
    StartupBench.Scenario scenario =
        new StartupBench.Scenario(silent, 1, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMinutes(1));
    StartupResult[] result = new StartupResult[1];
    String out = run(scenario, result);

    assertThat(result[0].line()).isEqualTo("startup: ready_ms=error rss_mib=error first_request_ms=error");
    assertThat(out).contains("no answer from /api/health within 300 ms");
  }

  @Test
  void noLauncher_isAnError() throws Exception {
    StartupResult[] result = new StartupResult[1];
    String out = run(oneRound(dir.resolve("missing")), result);
    assertThat(result[0].line()).isEqualTo("startup: ready_ms=error rss_mib=error first_request_ms=error");
    assertThat(out).contains("no launcher at");
  }

  @Test
  void theServersEnvironment_losesCowatchSettings_only() {
    Map<String, String> env = new HashMap<>(Map.of("COWATCH_DB_URL", "jdbc:postgresql://db/x", "COWATCH_LOG_LEVEL",
        "DEBUG", "JAVA_HOME", "/opt/jdk", "PATH", "/usr/bin"));
    LauncherStart.withoutCowatchSettings(env);
    assertThat(env).containsOnlyKeys("JAVA_HOME", "PATH");
  }
}
