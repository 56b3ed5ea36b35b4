package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.room.bus.Broadcast;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What a joiner is sent of the chat events that came while its history was read, and after. */
class ChatHistoryGateTest {
  private final ChatHistoryGate gate = new ChatHistoryGate();
  private final List<String> sent = new ArrayList<>();

  private static Broadcast line(long id) {
    return Broadcast.chat("line " + id, id);
  }

  private void offer(Broadcast b) {
    if (gate.pass(b)) sent.add(b.json());
  }

  @Test
  void heldLinesOlderThanAFullPage_areLeftToTheOlderPages_andTheRestFollowItInOrder() {
    // Lines 846 to 912 came live while the history was read; the page holds the newest 50 then: 858 to 907.
    LongStream.rangeClosed(846, 912).forEach(id -> offer(line(id)));
    offer(Broadcast.chat("a deletion", Broadcast.ABOUT_CHAT));
    Set<Long> page = Set.copyOf(LongStream.rangeClosed(858, 907).boxed().toList());
    gate.open(page, 858, () -> sent.add("history"), b -> sent.add(b.json()));
    offer(line(913));
    offer(line(900)); // a repeat of a line the history had, late
    assertThat(sent).containsExactly("history", "line 908", "line 909", "line 910", "line 911", "line 912",
        "a deletion", "line 913");
  }

  @Test
  void aPageThatReachesTheFirstLine_keepsEveryHeldLineItDidNotHave() {
    // Committed out of id order (two nodes): 5 was not in the history read, though 6 was.
    offer(line(5));
    offer(line(6));
    gate.open(Set.of(1L, 2L, 3L, 4L, 6L), 0, () -> sent.add("history"), b -> sent.add(b.json()));
    assertThat(sent).containsExactly("history", "line 5");
  }

  @Test
  void whatIsNotAboutTheChat_passesAtOnce() {
    assertThat(gate.pass(Broadcast.timeline("{}", 3))).isTrue();
  }
}
