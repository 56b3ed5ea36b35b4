package dev.cowatch.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat that marks everyone watching as seen reads every live room: in a cluster only the node
 * leading the job beats, once a minute, however often it is asked.
 */
class WatchHistoryHeartbeatTest {
  private final FakeClock clock = FakeClock.atFixedStart();
  private final AtomicInteger roomReads = new AtomicInteger();
  private final List<Long> staleEndedAt = new ArrayList<>();
  private final AtomicBoolean leads = new AtomicBoolean(true);
  private final WatchHistory history = new WatchHistory(new Recording(), clock, Runnable::run, () -> {
    roomReads.incrementAndGet();
    return List.<Room>of();
  }, leads::get);

  @Test
  void the_leader_beats_at_once_then_once_a_minute_however_often_it_is_asked() {
    history.beatIfDue();
    assertThat(roomReads).hasValue(1);
    for (int i = 0; i < 11; i++) {
      clock.advance(WatchHistory.LEADER_CHECK);
      history.beatIfDue();
    }
    assertThat(roomReads).as("55 s after the first beat").hasValue(1);
    clock.advance(WatchHistory.LEADER_CHECK);
    history.beatIfDue();
    assertThat(roomReads).as("a minute after it").hasValue(2);
    assertThat(staleEndedAt).hasSize(2);
  }

  @Test
  void a_node_that_does_not_lead_reads_no_room_and_beats_at_once_when_it_takes_over() {
    leads.set(false);
    for (int i = 0; i < 30; i++) {
      history.beatIfDue();
      clock.advance(WatchHistory.LEADER_CHECK);
    }
    assertThat(roomReads).hasValue(0);
    assertThat(staleEndedAt).isEmpty();
    leads.set(true);
    history.beatIfDue();
    assertThat(roomReads).as("the former leader may be gone: no minute's wait").hasValue(1);
  }

  @Test
  void leadership_lost_and_taken_back_beats_again_at_once() {
    history.beatIfDue();
    leads.set(false);
    clock.advance(WatchHistory.LEADER_CHECK);
    history.beatIfDue();
    leads.set(true);
    clock.advance(WatchHistory.LEADER_CHECK);
    history.beatIfDue();
    assertThat(roomReads).hasValue(2);
  }

  /** Records what the heartbeat asks of the repository. */
  private final class Recording implements WatchHistoryRepository {
    @Override
    public void start(Watching w, long now, long mergeWithinMs) {}

    @Override
    public void end(Watching w, long now) {}

    @Override
    public void seen(Collection<Watching> watching, long now) {}

    @Override
    public int endStale(long staleBefore) {
      staleEndedAt.add(staleBefore);
      return 0;
    }

    @Override
    public List<HistoryEntry> of(UserId user, Long beforeId, int limit) {
      return List.of();
    }

    @Override
    public boolean remove(UserId user, long id) {
      return false;
    }

    @Override
    public void trim(UserId user, int keep) {}
  }
}
