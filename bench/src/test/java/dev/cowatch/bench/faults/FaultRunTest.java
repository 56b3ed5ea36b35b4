package dev.cowatch.bench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault run, bounded: one round of the faults that strike the stores and what the leases guard (the Redis and the
 * PostgreSQL primary killed, a node paused, a node cut from Redis and from PostgreSQL, a node's clock stepped), on the
 * reference highly available deployment (three nodes behind nginx, Redis with a replica and sentinels, PostgreSQL with
 * a synchronous standby), with people playing, chatting, renaming rooms, changing roles and signing up throughout;
 * nothing acknowledged may be lost, no version of a room may name two timelines, and every client must end on its
 * room's timeline. A node killed (its restart takes 15 s on a busy machine) is left to {@code bench/run faults}, sixty rounds
 * of all seven kinds, for the test command's time.
 */
class FaultRunTest {

  @Test
  void storeFailoversPausesAndCutsLoseNothingAndSplitNoTimeline() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-faults",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    long seed = Long.getLong("cowatch.faults.seed", System.nanoTime());
    List<String> kinds = List.of("redis-primary-kill", "pg-primary-kill", "node-pause", "redis-cut", "pg-cut",
        "clock-step");
    HistoryChecker.Verdict v = FaultRun.run(new FaultRun.Options(seed, 1, kinds, 2, 3, false), dir);
    String said = "seed " + seed + ": " + v.line() + "\n" + v.kindsLine() + "\nlost " + v.lost() + "\nconflicts "
        + v.versionConflicts() + "\nunconverged " + v.unconverged();
    System.out.println(said);
    assertEquals(kinds.size(), v.faultsByKind().size(), said);
    assertTrue(v.acknowledged() > 30, said);
    assertEquals(0, v.lost().size(), said);
    assertEquals(0, v.versionConflicts().size(), said);
    assertEquals(0, v.unconverged().size(), said);
  }
}
