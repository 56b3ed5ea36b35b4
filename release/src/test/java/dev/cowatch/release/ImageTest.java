package dev.cowatch.release;

import static dev.cowatch.release.Commands.RELEASE;
import static dev.cowatch.release.Commands.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image, loaded into podman and started as an operator would: the port published, /data a volume. Podman
 * works on a store of its own in a temporary directory, removed afterwards, so the machine's images are left
 * alone. Podman comes from the machine list (scripts/machine-packages.txt); without it this fails.
 */
class ImageTest {
  static final String IMAGE = "cowatch:" + VERSION;
  static final String NAME = "cowatch-release-check";
  static Path store;

  @BeforeAll
  static void load() throws Exception {
    assertThat(Commands.host("sh", "-c", "command -v podman").exit())
        .as("podman is not installed (scripts/machine-packages.txt lists it; scripts/install-tools.sh podman)").isZero();
    // Not under target: conmon's socket paths under the run root must stay short (108 bytes).
    store = Files.createTempDirectory("cowatch-podman");
    Commands.Result load = podman("load", "-i", RELEASE.resolve("cowatch-" + VERSION + "-image.tar").toString());
    assertThat(load.out()).as(load.out()).contains(IMAGE);
  }

  @AfterAll
  static void removeTheStore() throws Exception {
    if (store == null) return;
    podman("rm", "-f", NAME);
    podman("system", "reset", "--force");
    Commands.host("rm", "-rf", store.toString());
  }

  @Test
  void image_saysItsUserPortVolumeAndHealthCheck() throws Exception {
    Commands.Result inspect = podman("image", "inspect", IMAGE);
    assertThat(inspect.out().replaceAll("\\s+", "")).contains("\"User\":\"1000:1000\"", "\"8080/tcp\"",
        "\"/data\":{}", "\"COWATCH_DATA_DIR=/data\"", "\"dev.cowatch.server.cli.Main\",\"healthcheck\"]");
  }

  @Test
  void container_answersHealth_passesItsHealthCheck_andStopsOnSigterm() throws Exception {
    int port = Commands.freePort();
    List<String> run = new ArrayList<>(List.of("run", "-d", "--name", NAME, "-p", "127.0.0.1:" + port + ":8080"));
    run.addAll(sandboxRunOptions());
    run.add(IMAGE);
    Commands.Result started = podman(run.toArray(String[]::new));
    assertThat(started.exit()).as(started.out()).isZero();

    String base = "http://127.0.0.1:" + port;
    assertThat(Commands.awaitOk(base + "/api/health", Duration.ofMinutes(3), ImageTest::running, ImageTest::logs).body())
        .contains("\"version\":\"" + VERSION + "\"");
    assertThat(Commands.get(base + "/api/ready").statusCode()).as("the database in the /data volume").isEqualTo(200);
    Commands.Result health = podman("healthcheck", "run", NAME);
    assertThat(health.exit()).as(health.out()).isZero();

    Commands.Result stop = podman("stop", "--time", "30", NAME);
    assertThat(stop.exit()).as(stop.out()).isZero();
    assertThat(podman("inspect", "--format", "{{.State.ExitCode}}", NAME).out().strip()).isEqualTo("143");
    assertThat(logs()).contains("cowatch stopped", "data=/data").doesNotContain("WARNING:");
  }

  private static boolean running() {
    try {
      return podman("inspect", "--format", "{{.State.Running}}", NAME).out().strip().equals("true");
    } catch (Exception e) {
      return false;
    }
  }

  private static String logs() {
    try {
      return podman("logs", NAME).out();
    } catch (Exception e) {
      return "(no logs: " + e + ")";
    }
  }

  private static Commands.Result podman(String... args) throws Exception {
    List<String> c = new ArrayList<>(List.of("podman", "--root", store.resolve("root").toString(),
        "--runroot", store.resolve("run").toString()));
    // crun refuses a host whose cgroups are half v1, half v2 ("hybrid"); runc runs there.
    if (Files.isDirectory(Path.of("/sys/fs/cgroup/unified")) && Commands.host("sh", "-c", "command -v runc").exit() == 0) {
      c.addAll(List.of("--runtime", "runc"));
    }
    // No systemd to ask for a cgroup.
    if (!Files.isDirectory(Path.of("/run/systemd/system"))) c.addAll(List.of("--cgroup-manager", "cgroupfs"));
    c.addAll(List.of(args));
    return Commands.host(c.toArray(String[]::new));
  }

  /**
   * Inside a sandbox that took CAP_SYS_RESOURCE away (as the build machines do), the runtime cannot raise the open
   * files and processes limits to podman's defaults; it may keep lower ones.
   */
  private static List<String> sandboxRunOptions() throws Exception {
    String caps = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
        .findFirst().orElse("CapEff:\t0").substring(7).strip();
    boolean sysResource = (Long.parseUnsignedLong(caps, 16) & (1L << 24)) != 0;
    return sysResource ? List.of() : List.of("--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096");
  }
}
