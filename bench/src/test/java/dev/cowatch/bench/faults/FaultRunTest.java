package dev.cowatch.bench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * The fault run, bounded: one round, every kind of fault once, on the reference highly available deployment (three
 * nodes behind nginx, Redis with a replica and sentinels, PostgreSQL with a synchronous standby), with people playing,
 * chatting, renaming rooms, changing roles and signing up throughout; nothing acknowledged may be lost, no version of a
 * room may name two timelines, and every client must end on its room's timeline. {@code bench/run faults} runs sixty
 * rounds.
 */
class FaultRunTest {

  @Test
  void everyKindOfFaultOnceLosesNothingAndSplitsNoTimeline() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-faults",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    long seed = Long.getLong("cowatch.faults.seed", System.nanoTime());
    HistoryChecker.Verdict v = FaultRun.run(
        new FaultRun.Options(seed, 1, FaultSchedule.KINDS, 3, 3, false), dir);
    String said = "seed " + seed + ": " + v.line() + "\n" + v.kindsLine() + "\nlost " + v.lost() + "\nconflicts "
        + v.versionConflicts() + "\nunconverged " + v.unconverged();
    System.out.println(said);
    assertEquals(FaultSchedule.KINDS.size(), v.faultsByKind().size(), said);
    assertTrue(v.acknowledged() > 50, said);
    assertEquals(0, v.lost().size(), said);
    assertEquals(0, v.versionConflicts().size(), said);
    assertEquals(0, v.unconverged().size(), said);
  }
}
