package dev.cowatch.release;

import static dev.cowatch.release.Commands.RELEASE;
import static dev.cowatch.release.Commands.SCRATCH;
import static dev.cowatch.release.Commands.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server and bridge tarballs, unpacked and started as on a machine without Java: nothing inherited from the
 * build's environment, no JAVA_HOME, and a PATH holding only what the start scripts call (bash, env, readlink,
 * dirname). A runtime missing a module, a script that finds the wrong java or a jar missing from lib/ fails here.
 */
class DistributionTest {
  static final Duration START = Duration.ofSeconds(90);
  static Path server;
  static Path bridge;
  static Map<String, String> noJdk;

  @BeforeAll
  static void unpack() throws Exception {
    Path dir = SCRATCH.resolve("dist");
    Commands.host("rm", "-rf", dir.toString());
    Files.createDirectories(dir.resolve("tools"));
    Files.createDirectories(dir.resolve("home"));
    for (String tool : List.of("bash", "env", "readlink", "dirname")) {
      Files.createSymbolicLink(dir.resolve("tools").resolve(tool), Path.of("/usr/bin", tool));
    }
    noJdk = Map.of("PATH", dir.resolve("tools").toString(), "HOME", dir.resolve("home").toString());
    for (String tarball : List.of("cowatch-" + VERSION + "-linux-x64.tar.gz",
        "cowatch-bridge-" + VERSION + "-linux-x64.tar.gz")) {
      Commands.Result untar = Commands.host("tar", "-xzf", RELEASE.resolve(tarball).toString(), "-C", dir.toString());
      assertThat(untar.exit()).as(untar.out()).isZero();
    }
    server = dir.resolve("cowatch-" + VERSION);
    bridge = dir.resolve("cowatch-bridge-" + VERSION);
  }

  @Test
  void version_ofTheServer_isTheRelease() throws Exception {
    Commands.Result r = cowatch(List.of("--version"));
    assertThat(r.out()).isEqualTo("cowatch " + VERSION + "\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void server_withoutAJdk_servesThePagesAndHealth_thenStopsOnSigterm() throws Exception {
    Path work = Files.createTempDirectory(SCRATCH, "server");
    Path log = work.resolve("server.log");
    int port = Commands.freePort();
    long started = System.nanoTime();
    Process p = Commands.start(command("cowatch", "--data-dir", "data", "--port", String.valueOf(port)), noJdk,
        work, log);
    try {
      String base = "http://127.0.0.1:" + port;
      HttpResponse<String> health = Commands.awaitOk(base + "/api/health", START, p::isAlive,
          () -> "exit " + (p.isAlive() ? "none yet" : p.exitValue()) + "\n" + Commands.read(log));
      System.out.printf("release check: the distribution answered /api/health %d ms after its start%n",
          (System.nanoTime() - started) / 1_000_000);
      assertThat(health.body()).contains("\"status\":\"up\"", "\"version\":\"" + VERSION + "\"");
      assertThat(Commands.get(base + "/").body()).as("the web app, from the server jar's resources")
          .containsIgnoringCase("<!doctype html");
      assertThat(Commands.get(base + "/api/ready").statusCode()).as(Commands.read(log)).isEqualTo(200);

      Commands.Result check = cowatch(List.of("healthcheck", "--port", String.valueOf(port)));
      assertThat(check.exit()).as(check.out()).isZero();
    } finally {
      p.destroy(); // SIGTERM: the server drains and stops
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
    }
    assertThat(p.exitValue()).as(Commands.read(log)).isEqualTo(143);
    assertThat(Commands.read(log)).contains("cowatch stopped").doesNotContain("WARNING:", "ERROR");

    // The operator's subcommands on the data the server left: the database opens, the copy is made.
    Commands.Result admins = cowatch(List.of("admin", "list", "--data-dir", work.resolve("data").toString()));
    assertThat(admins.exit()).as(admins.out()).isZero();
    Commands.Result backup = cowatch(List.of("backup", "--data-dir", work.resolve("data").toString(),
        work.resolve("backup").toString()));
    assertThat(backup.exit()).as(backup.out()).isZero();
    assertThat(work.resolve("backup/cowatch.db")).isNotEmptyFile();
  }

  @Test
  void healthcheck_withNoServer_exitsOne() throws Exception {
    Commands.Result r = cowatch(List.of("healthcheck", "--port", String.valueOf(Commands.freePort())));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("healthcheck: no answer from");
  }

  @Test
  void bridge_withoutAJdk_printsTheReleaseVersionAndItsHelp() throws Exception {
    Commands.Result version = Commands.run(List.of(bridge.resolve("bin/cowatch-bridge").toString(), "--version"),
        noJdk, bridge, Duration.ofSeconds(60));
    assertThat(version.out()).isEqualTo("cowatch-bridge " + VERSION + "\n");
    Commands.Result help = Commands.run(List.of(bridge.resolve("bin/cowatch-bridge").toString(), "--help"), noJdk,
        bridge, Duration.ofSeconds(60));
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: cowatch-bridge");
  }

  private static Commands.Result cowatch(List<String> args) throws IOException, InterruptedException {
    return Commands.run(command("cowatch", args.toArray(String[]::new)), noJdk, SCRATCH, Duration.ofSeconds(60));
  }

  private static List<String> command(String script, String... args) {
    List<String> c = new ArrayList<>(List.of(server.resolve("bin").resolve(script).toString()));
    c.addAll(List.of(args));
    return c;
  }
}
