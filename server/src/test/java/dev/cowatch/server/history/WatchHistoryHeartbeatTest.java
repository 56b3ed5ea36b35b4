package dev.cowatch.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat that marks everyone watching as seen reads every live room once a minute, a share of them at each
 * of the leader's checks rather than all at once; in a cluster only the node leading the job beats, however often
 * it is asked.
 */
class WatchHistoryHeartbeatTest {
  private final FakeClock clock = FakeClock.atFixedStart();
  /** The shares read, in order. */
  private final List<Integer> sharesRead = new ArrayList<>();
  private final List<Long> staleEndedAt = new ArrayList<>();
  private final AtomicBoolean leads = new AtomicBoolean(true);
  private final WatchHistory history = new WatchHistory(new Recording(), clock, Runnable::run, (index, shares) -> {
    assertThat(shares).isEqualTo(WatchHistory.SHARES);
    sharesRead.add(index);
    return List.<Room>of();
  }, leads::get);

  private void askedEvery(Duration period, int times) {
    for (int i = 0; i < times; i++) {
      history.beatIfDue();
      clock.advance(period);
    }
  }

  @Test
  void the_leader_reads_every_share_once_a_minute_one_at_each_check() {
    askedEvery(WatchHistory.LEADER_CHECK, 2 * WatchHistory.SHARES);

    assertThat(WatchHistory.SHARES).isEqualTo(12);
    List<Integer> cycle = java.util.stream.IntStream.range(0, WatchHistory.SHARES).boxed().toList();
    assertThat(sharesRead.subList(0, WatchHistory.SHARES)).isEqualTo(cycle);
    assertThat(sharesRead.subList(WatchHistory.SHARES, 2 * WatchHistory.SHARES)).isEqualTo(cycle);
    assertThat(staleEndedAt).as("once a minute, with the first share").hasSize(2);
    assertThat(staleEndedAt.get(1) - staleEndedAt.get(0)).isEqualTo(WatchHistory.HEARTBEAT.toMillis());
  }

  @Test
  void asked_more_often_it_reads_no_more_often() {
    askedEvery(Duration.ofSeconds(1), 60);

    assertThat(sharesRead).as("a check a little early counts, not one every second")
        .hasSizeBetween(WatchHistory.SHARES, WatchHistory.SHARES * 4 / 3);
  }

  @Test
  void a_node_that_does_not_lead_reads_no_room_and_starts_at_once_when_it_takes_over() {
    leads.set(false);
    askedEvery(WatchHistory.LEADER_CHECK, 30);
    assertThat(sharesRead).isEmpty();
    assertThat(staleEndedAt).isEmpty();

    leads.set(true);
    history.beatIfDue();
    assertThat(sharesRead).as("the former leader may be gone: no wait").containsExactly(0);
    assertThat(staleEndedAt).hasSize(1);
  }

  @Test
  void leadership_lost_and_taken_back_starts_again_from_the_first_share() {
    askedEvery(WatchHistory.LEADER_CHECK, 3);
    leads.set(false);
    askedEvery(WatchHistory.LEADER_CHECK, 1);
    leads.set(true);
    history.beatIfDue();

    assertThat(sharesRead).containsExactly(0, 1, 2, 0);
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
