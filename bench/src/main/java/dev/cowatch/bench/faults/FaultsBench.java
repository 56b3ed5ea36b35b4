package dev.cowatch.bench.faults;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench/run faults [--rounds N] [--seed S] [--kinds a,b] [--mutant]}: a fault run ({@link FaultRun}) of N rounds,
 * each round every kind of fault once (60 by default: 60 of every kind), its verdict printed, the line last.
 * {@code bench/run faults --browsers}: the failovers tried in two browsers ({@link FaultsInBrowsers}).
 */
public final class FaultsBench {
  static final int ROUNDS = 60;

  private FaultsBench() {}

  public static String run(String[] args, PrintStream out) throws Exception {
    int rounds = ROUNDS;
    long seed = System.currentTimeMillis();
    List<String> kinds = FaultSchedule.KINDS;
    boolean mutant = false;
    if (List.of(args).contains("--browsers")) {
      Path trial = Files.createTempDirectory("cowatch-faults-browsers",
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
      return FaultsInBrowsers.run(trial, out);
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--kinds" -> kinds = Arrays.asList(args[++i].split(","));
        case "--mutant" -> mutant = true;
        default -> throw new IllegalArgumentException("bench/run faults: unknown argument " + args[i]);
      }
    }
    // PostgreSQL runs as its own user, which must be able to reach its folders in the run's.
    Path dir = Files.createTempDirectory("cowatch-faults",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    out.println("faults: seed=" + seed + " rounds=" + rounds + " kinds=" + kinds + (mutant ? " mutant=unfenced" : "")
        + " in " + dir);
    HistoryChecker.Verdict v = FaultRun.run(new FaultRun.Options(seed, rounds, kinds, 4, 3, mutant), dir);
    for (String l : v.lost()) out.println("lost: " + l);
    v.versionConflicts().stream().limit(20).forEach(c -> out.println("conflict: " + c));
    for (String u : v.unconverged()) out.println("unconverged: " + u);
    out.println(v.kindsLine());
    return v.line();
  }
}
