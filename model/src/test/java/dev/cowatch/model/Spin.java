package dev.cowatch.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SPIN over {@code model/cowatch.pml}: generates the verifier with {@code spin -a}, compiles
 * {@code pan.c} with gcc and runs {@code ./pan}, each in its own directory under target.
 */
final class Spin {
  /** Deeper than any run of the bounded model (about 170 steps); pan says so if it is not. */
  static final int MAX_DEPTH = 100_000;
  private static final long TIMEOUT_MINUTES = 5;

  private final Path model;
  private final Path work;
  /** gcc's optimisation level for this model's pan.c: what its compile costs against what its searches save. */
  private final String optimisation;

  Spin(Path model, Path work) {
    this(model, work, "-O0");
  }

  /**
   * @param optimisation {@code -O0} for cowatch.pml, whose pan.c gcc compiles in about 1 s at -O0 and 200 s at -O1
   *   (2026-11-28, everything-safety); {@code -O1} for peers.pml, whose searches are long: peers-1-2 (781,043
   *   states, idle 2-core machine) compiled in 1.1 s and searched in 26.9 at -O0, 3.6 and 11.4 at -O1, 6.3 and 10.6
   *   at -O2.
   */
  Spin(Path model, Path work, String optimisation) {
    this.model = model;
    this.work = work;
    this.optimisation = optimisation;
  }

  static Spin fromBuild() {
    return new Spin(
        Path.of(System.getProperty("cowatch.model.file", "cowatch.pml")),
        Path.of(System.getProperty("cowatch.model.work", "target/spin")));
  }

  Path model() {
    return model;
  }

  /** The whole safety search: every assertion and, with {@code -DSAFETY}, invalid end states (deadlock). */
  Run safety(String name, List<String> defines) throws IOException, InterruptedException {
    return run(name + "-safety", defines, List.of("-DSAFETY", "-DNOCLAIM"), List.of());
  }

  /** The search for an acceptance cycle of one LTL claim (and its assertions). */
  Run ltl(String name, List<String> defines, String claim) throws IOException, InterruptedException {
    return run(name + "-" + claim, defines, List.of(), List.of("-a", "-N", claim));
  }

  private Run run(String name, List<String> defines, List<String> ccFlags, List<String> panFlags)
      throws IOException, InterruptedException {
    Path dir = work.resolve(name);
    Files.createDirectories(dir);
    Files.copy(model, dir.resolve("cowatch.pml"), StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(dir.resolve("cowatch.pml.trail"));

    List<String> spin = new ArrayList<>(List.of("spin"));
    spin.addAll(defines);
    spin.addAll(List.of("-a", "cowatch.pml"));
    exec(dir, spin, "spin.log");

    List<String> gcc = new ArrayList<>(List.of("gcc", optimisation, "-w"));
    gcc.addAll(ccFlags);
    gcc.addAll(List.of("-o", "pan", "pan.c"));
    exec(dir, gcc, "gcc.log");

    List<String> pan = new ArrayList<>(List.of("./pan", "-m" + MAX_DEPTH));
    pan.addAll(panFlags);
    String command = String.join(" ", spin) + " && " + String.join(" ", gcc) + " && " + String.join(" ", pan);
    String out = exec(dir, pan, "pan.log");
    PanReport report = PanReport.parse(out);

    String trail = "";
    if (Files.exists(dir.resolve("cowatch.pml.trail"))) {
      List<String> replay = new ArrayList<>(List.of("spin"));
      replay.addAll(defines);
      replay.addAll(List.of("-t", "-p", "-k", "cowatch.pml.trail"));
      replay.add("cowatch.pml");
      trail = exec(dir, replay, "trail.txt");
    }
    return new Run(name, command, report, trail);
  }

  private static String exec(Path dir, List<String> command, String logName) throws IOException, InterruptedException {
    Path log = dir.resolve(logName);
    // Niced: the build checks the model beside the modules every other one waits for (core, protocol, the web
    // app), which then get the CPU first; the searches have the second core and the slack.
    List<String> niced = new ArrayList<>(List.of("nice", "-n", "19"));
    niced.addAll(command);
    Process p = new ProcessBuilder(niced).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES + " min");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    // pan exits non-zero when it finds an error; that is a result, not a failure to run.
    if (p.exitValue() != 0 && !command.getFirst().equals("./pan") && !logName.equals("trail.txt")) {
      throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + out);
    }
    return out;
  }

  /**
   * One verification.
   *
   * @param command the exact shell command that reproduces it in its directory
   * @param trail the counterexample replayed by {@code spin -t}, empty when there is none
   */
  record Run(String name, String command, PanReport report, String trail) {
    @Override
    public String toString() {
      return name + ": " + report.figures() + " — " + command;
    }
  }
}
