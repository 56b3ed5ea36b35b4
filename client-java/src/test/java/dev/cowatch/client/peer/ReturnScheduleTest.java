package dev.cowatch.client.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The turns of one return to the server, on test time (the twin of web/test/returnSchedule.test.ts). */
class ReturnScheduleTest {
  private long now;
  private final List<long[]> due = new ArrayList<>();
  private final List<Runnable> tasks = new ArrayList<>();
  private final List<String> done = new ArrayList<>();
  private final ReturnSchedule schedule = new ReturnSchedule((task, ms) -> {
    long[] at = {now + ms};
    due.add(at);
    tasks.add(task);
    return () -> at[0] = Long.MAX_VALUE;
  });

  private void advance(long ms) {
    now += ms;
    for (int i = 0; i < tasks.size(); i++) {
      if (due.get(i)[0] <= now) {
        due.get(i)[0] = Long.MAX_VALUE;
        tasks.get(i).run();
      }
    }
  }

  @Test
  void handsBackAtItsTurn_thenGivesUpThreeStepsLater() {
    schedule.start(2_000L, 3, () -> done.add("handBack"), () -> done.add("giveUp"));
    advance(1_999);
    assertThat(done).isEmpty();
    advance(1);
    assertThat(done).containsExactly("handBack");
    advance(6_000);
    assertThat(done).containsExactly("handBack", "giveUp");
  }

  @Test
  void oneThatMayNotHandBack_waitsForEveryPlaceAndThreeStepsMore() {
    schedule.start(null, 3, () -> done.add("handBack"), () -> done.add("giveUp"));
    advance(3 * 2_000 + 3 * 2_000 - 1);
    assertThat(done).isEmpty();
    advance(1);
    assertThat(done).containsExactly("giveUp");
  }

  @Test
  void aNewJoin_cancelsTheLastReturnsTurns() {
    schedule.start(0L, 2, () -> done.add("first handBack"), () -> done.add("first giveUp"));
    schedule.start(4_000L, 2, () -> done.add("handBack"), () -> done.add("giveUp"));
    advance(20_000);
    assertThat(done).containsExactly("handBack", "giveUp");
  }

  @Test
  void cancel_leavesNothingToRun() {
    schedule.start(0L, 1, () -> done.add("handBack"), () -> done.add("giveUp"));
    schedule.cancel();
    advance(60_000);
    assertThat(done).isEmpty();
  }
}
