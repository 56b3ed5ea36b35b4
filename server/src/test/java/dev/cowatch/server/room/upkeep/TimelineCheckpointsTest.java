package dev.cowatch.server.room.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomRepository.TimelineCheckpoint;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The background pass writes a playing room's position once per {@link RoomUpkeep#CHECKPOINT_PLAYING_MS}, not on
 * every pass (every {@link RoomUpkeep#CHECKPOINT_PERIOD_MS}), and a paused room not at all: its timeline was stored
 * when it changed. What it writes is where the room plays now.
 */
class TimelineCheckpointsTest {
  private static final long T0 = 1_767_225_600_000L;
  private final RoomDecider decider = new RoomDecider(Tolerances.DEFAULTS);
  private final List<List<TimelineCheckpoint>> batches = new ArrayList<>();
  private final TimelineCheckpoints checkpoints =
      new TimelineCheckpoints(recording(), RoomUpkeep.CHECKPOINT_PLAYING_MS);

  @Test
  void aPlayingRoom_isWrittenOncePerPlayingPeriod_notOnEveryPass() {
    Room playing = played(room("r-playing"));
    checkpoints.saveNow(playing, T0); // its play, stored when it was decided

    List<Long> writtenAfterMs = new ArrayList<>();
    for (long t = RoomUpkeep.CHECKPOINT_PERIOD_MS; t <= 30_000; t += RoomUpkeep.CHECKPOINT_PERIOD_MS) {
      int before = written();
      checkpoints.write(List.of(playing), T0 + t, false, id -> false);
      if (written() > before) writtenAfterMs.add(t);
    }

    assertThat(writtenAfterMs).as("15 passes over 30 s").containsExactly(10_000L, 20_000L, 30_000L);
    TimelineCheckpoint last = batches.getLast().getFirst();
    assertThat(last.atMs()).isEqualTo(T0 + 30_000);
    assertThat(last.positionMs()).as("where it plays then, not where it started")
        .isEqualTo(Math.round(playing.timeline().positionAt(T0 + 30_000)));
  }

  @Test
  void aPausedRoom_isNotWrittenByThePass_unlessAskedFor() {
    Room paused = room("r-paused");
    assertThat(paused.timeline().state()).isEqualTo(PlaybackState.PAUSED);

    for (long t = RoomUpkeep.CHECKPOINT_PERIOD_MS; t <= 60_000; t += RoomUpkeep.CHECKPOINT_PERIOD_MS) {
      checkpoints.write(List.of(paused), T0 + t, false, id -> false);
    }
    assertThat(written()).isZero();

    checkpoints.write(List.of(paused), T0 + 62_000, false, id -> id.equals(paused.id()));
    checkpoints.write(List.of(paused), T0 + 64_000, true, id -> false);
    assertThat(written()).as("picked as due (idle), then every room (shutdown)").isEqualTo(2);
  }

  private int written() {
    return batches.stream().mapToInt(List::size).sum();
  }

  private static Room room(String id) {
    return Room.create(new RoomId(id), RoomSettings.defaults("Film night", 5_000),
        Roster.ownedBy(new UserId("u-ann"), "Ann", false, T0), "film.mp4", T0);
  }

  private Room played(Room room) {
    MemberId ann = new MemberId("m-ann");
    Room joined = decider.decide(room, ann, new Intent.Join("Ann", new UserId("u-ann"), false), T0).room();
    Room playing = decider.decide(joined, ann, new Intent.Play(joined.timeline().version()), T0).room();
    assertThat(playing.timeline().state()).isNotEqualTo(PlaybackState.PAUSED);
    return playing;
  }

  /** A repository that only records the checkpoints written, batch by batch. */
  private RoomRepository recording() {
    return (RoomRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RoomRepository.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("saveTimelines")) throw new UnsupportedOperationException(method.getName());
          @SuppressWarnings("unchecked")
          List<TimelineCheckpoint> batch = (List<TimelineCheckpoint>) args[0];
          if (!batch.isEmpty()) batches.add(List.copyOf(batch));
          return null;
        });
  }
}
