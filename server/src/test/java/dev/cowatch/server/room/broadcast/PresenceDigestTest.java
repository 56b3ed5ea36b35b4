package dev.cowatch.server.room.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The digest a cluster node keeps of a room's last presence decides as {@link PresenceDiff} does:
 * whether the room's list changed for a reader, and which unlisted members get their own entry.
 */
class PresenceDigestTest {
  private static MemberView member(String id, String name, String readiness, Double drift, Double rtt) {
    return new MemberView(id, "u-" + id, name, "viewer", "connected", readiness, drift, rtt);
  }

  @Test
  void aFirstPresence_changesTheRoom() {
    var c = PresenceDigest.EMPTY.compare(List.of(member("m1", "Ann", "ready", null, null)), Set.of("m1"), Set.of());

    assertThat(c.roomChanged()).isTrue();
    assertThat(c.next().size()).isEqualTo(1);
  }

  @Test
  void healthThatMovesLessThanAStep_changesNothing_andIsMeasuredFromWhatWasSent() {
    var sent = PresenceDigest.EMPTY.compare(List.of(member("m1", "Ann", "ready", 0.0, 40.0)), Set.of("m1"), Set.of()).next();

    var small = sent.compare(List.of(member("m1", "Ann", "ready", 6.0, 41.0)), Set.of("m1"), Set.of());
    assertThat(small.roomChanged()).isFalse();
    // 6 then 12 ms: each step under 10, but 12 from the 0 that was sent.
    var creep = small.next().compare(List.of(member("m1", "Ann", "ready", 12.0, 41.0)), Set.of("m1"), Set.of());
    assertThat(creep.roomChanged()).isTrue();
  }

  @Test
  void aNewName_orAMemberGone_changesTheRoom() {
    var sent = PresenceDigest.EMPTY.compare(List.of(member("m1", "Ann", "ready", null, null),
        member("m2", "Bob", "ready", null, null)), Set.of("m1", "m2"), Set.of()).next();

    assertThat(sent.compare(List.of(member("m1", "Anne", "ready", null, null), member("m2", "Bob", "ready", null, null)),
        Set.of("m1", "m2"), Set.of()).roomChanged()).isTrue();
    assertThat(sent.compare(List.of(member("m1", "Ann", "ready", null, null)), Set.of("m1"), Set.of()).roomChanged())
        .isTrue();
  }

  @Test
  void anUnlistedMembersChange_goesToThatMemberAlone() {
    var sent = PresenceDigest.EMPTY.compare(List.of(member("m1", "Ann", "ready", null, null),
        member("m2", "Bob", "ready", null, null)), Set.of("m1"), Set.of()).next();

    var c = sent.compare(List.of(member("m1", "Ann", "ready", null, null), member("m2", "Bob", "waiting", null, null)),
        Set.of("m1"), Set.of());

    assertThat(c.roomChanged()).isFalse();
    assertThat(c.personal()).containsOnlyKeys("m2");
  }

  /** Random rooms evolving over many presences: the digest and PresenceDiff agree at every step. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void agreesWithPresenceDiff_overRandomRooms(long seed) {
    Random random = new Random(seed);
    Map<String, MemberView> sent = Map.of();
    Set<String> listedBefore = Set.of();
    PresenceDigest digest = PresenceDigest.EMPTY;
    List<MemberView> members = new ArrayList<>();
    int nextId = 0;
    for (int step = 0; step < 300; step++) {
      Set<String> joined = new HashSet<>();
      // Some members join, leave, rename, change readiness or report health.
      for (int change = random.nextInt(4); change > 0; change--) {
        int what = random.nextInt(6);
        if (what == 0 || members.isEmpty()) {
          String id = "m" + nextId++;
          members.add(member(id, "name" + id, "ready", null, null));
          joined.add(id);
        } else {
          int i = random.nextInt(members.size());
          MemberView m = members.get(i);
          switch (what) {
            case 1 -> members.remove(i);
            case 2 -> members.set(i, member(m.id(), m.name() + "x", m.readiness(), m.driftMs(), m.rttMs()));
            case 3 -> members.set(i, member(m.id(), m.name(), m.readiness().equals("ready") ? "waiting" : "ready",
                m.driftMs(), m.rttMs()));
            default -> members.set(i, member(m.id(), m.name(), m.readiness(),
                random.nextInt(5) == 0 ? null : random.nextDouble() * 40 - 20, random.nextDouble() * 200));
          }
        }
      }
      Set<String> listedNow = new HashSet<>();
      for (MemberView m : members) if (random.nextInt(4) != 0) listedNow.add(m.id());

      PresenceDiff.Changes expected = PresenceDiff.between(sent, listedBefore, joined, members, listedNow);
      PresenceDigest.Compared actual = digest.compare(members, listedNow, joined);

      assertThat(actual.roomChanged()).as("step %d", step).isEqualTo(!expected.isEmpty());
      assertThat(actual.personal()).as("step %d", step).isEqualTo(expected.personal());
      sent = expected.sent();
      listedBefore = listedNow;
      digest = actual.next();
    }
  }
}
