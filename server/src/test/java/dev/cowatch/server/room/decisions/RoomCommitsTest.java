package dev.cowatch.server.room.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.QueueItem;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.live.ForwardingRoomStore;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.Sharing;
import dev.cowatch.server.room.upkeep.IdleRooms;
import dev.cowatch.server.room.upkeep.TimelineCheckpoints;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live store's compare-and-set is a decision's commit point (issue 54): a decision that loses it writes nothing
 * durable, one that wins has its durable parts written after it, at its revision, and one whose replicas or durable
 * writes fail after it is undone in the live store and refused.
 */
class RoomCommitsTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final UserId OWEN = new UserId("u-owen");
  private static final UserId MEL = new UserId("u-mel");
  private static final long R = 5;
  /** The repository's writes of a decision, in the order they are made. */
  private static final List<String> PARTS = List.of("saveRoster", "saveQueue", "saveSettings", "saveTimelines");

  private final ReplicatedStore store = new ReplicatedStore();
  private final Recording repository = new Recording();
  private final RoomCommits commits = new RoomCommits(store, repository.port(),
      new TimelineCheckpoints(repository.port(), 10_000), new IdleRooms(), Clock.fixed(Instant.ofEpochMilli(T0),
      ZoneOffset.UTC), Tracing.OFF, new Sharing.SharedNodes(null));

  private final Room before = Room.create(new RoomId("room1"), RoomSettings.defaults("Film night", 5_000),
      Roster.ownedBy(OWEN, "Owen", false, T0), "film.mp4", T0).withRevision(R);
  /** A decision at R + 1 that changes every durable part. */
  private final Room after = everyPartChanged(before);

  @Test
  void aDecisionThatLosesTheCompareAndSet_writesNothingDurable() {
    // Another node, deciding while this one's lease had lapsed, took revision R + 1 first.
    Room theirs = before.withSettings(before.settings().withName("Theirs")).withRevision(R + 1);
    store.create(theirs);

    assertThatThrownBy(() -> commit()).isInstanceOf(Refusal.class);

    assertThat(repository.calls).as("nothing written to the database").isEmpty();
    assertThat(store.get(before.id())).contains(theirs);
  }

  @Test
  void anAcceptedDecision_isWrittenDurablyAfterTheStoreTookIt_atItsRevision() {
    store.create(before);

    commit();

    assertThat(store.get(before.id())).contains(after);
    assertThat(repository.calls).containsExactly(
        "saveRoster@" + (R + 1), "saveQueue@" + (R + 1), "saveSettings@" + (R + 1), "saveTimelines@version 1");
    assertThat(repository.liveRevisionAtEachWrite).as("the live store had the decision before each write")
        .containsOnly(R + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"saveRoster", "saveQueue", "saveSettings", "saveTimelines"})
  void aDurableWriteThatFailsAfterTheCompareAndSet_undoesTheLiveRoomAndRefuses(String failing) {
    store.create(before);
    repository.failOnce = failing;

    assertThatThrownBy(() -> commit()).hasMessageContaining("database away");

    Room live = store.get(before.id()).orElseThrow();
    assertThat(live.revision()).as("the undo is a new revision").isEqualTo(R + 2);
    assertThat(live).as("the room as it was").isEqualTo(before.withRevision(R + 2));
    // Each part up to the failed one was written (the failed one may have landed, its connection lost after the
    // commit): the undo writes those back at its own revision, and no other.
    List<String> decision = List.of("saveRoster@" + (R + 1), "saveQueue@" + (R + 1), "saveSettings@" + (R + 1),
        "saveTimelines@version 1");
    List<String> undo = List.of("saveRoster@" + (R + 2), "saveQueue@" + (R + 2), "saveSettings@" + (R + 2),
        "saveTimelines@version 0");
    int attempted = 1 + PARTS.indexOf(failing);
    List<String> expected = new ArrayList<>(decision.subList(0, attempted));
    expected.addAll(undo.subList(0, attempted));
    assertThat(repository.calls).isEqualTo(expected);
  }

  @Test
  void aDecisionItsReplicasDoNotConfirm_isUndoneBeforeAnythingIsWrittenDurably() {
    store.create(before);
    store.replicasFail = true;

    assertThatThrownBy(() -> commit()).hasMessageContaining("replicas");

    assertThat(store.get(before.id())).contains(before.withRevision(R + 2));
    assertThat(repository.calls).as("nothing written, so nothing to write back").isEmpty();
  }

  private void commit() {
    commits.commit(before, new Decision(after, List.of(), null), Optional.empty(), RosterAhead.NONE);
  }

  private static Room everyPartChanged(Room room) {
    var entries = new LinkedHashMap<>(room.roster().entries());
    entries.put(MEL, new RosterEntry(Role.MEMBER, "Mel", false, T0));
    Timeline t = room.timeline();
    return room.withSettings(room.settings().withName("Renamed"))
        .withRoster(new Roster(entries, Set.of()))
        .withQueue(List.of(new QueueItem("item1", "film2.mp4", "Film 2")))
        .withTimeline(new Timeline(t.mediaId(), PlaybackState.PLAYING, 0, T0, 1.0, t.version() + 1))
        .withRevision(R + 1);
  }

  /** The repository, recording what is written at which revision (a timeline at which version), and what failed. */
  private final class Recording {
    final List<String> calls = new ArrayList<>();
    final List<Long> liveRevisionAtEachWrite = new ArrayList<>();
    String failOnce;

    RoomRepository port() {
      return (RoomRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RoomRepository.class},
          (proxy, method, args) -> {
            String name = method.getName();
            String at = name.equals("saveTimelines")
                ? "version " + ((List<?>) args[0]).stream()
                    .mapToLong(c -> ((RoomRepository.TimelineCheckpoint) c).version()).max().orElseThrow()
                : String.valueOf(args[1]);
            calls.add(name + "@" + at);
            liveRevisionAtEachWrite.add(store.get(before.id()).orElseThrow().revision());
            if (name.equals(failOnce)) {
              failOnce = null;
              throw new IllegalStateException("database away");
            }
            return null;
          });
    }
  }

  /** Live rooms in memory whose replicas may fail to confirm a write. */
  private static final class ReplicatedStore extends ForwardingRoomStore {
    boolean replicasFail;

    ReplicatedStore() {
      super(new InMemoryRoomStore());
    }

    @Override
    public void awaitReplicas() {
      if (replicasFail) {
        replicasFail = false;
        throw new IllegalStateException("replicas did not confirm");
      }
    }
  }
}
