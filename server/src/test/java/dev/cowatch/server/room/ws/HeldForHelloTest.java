package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ClientMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldForHelloTest {
  private final HeldForHello held = new HeldForHello(3);

  @Test
  void withoutAHelloBeingAnswered_nothingIsHeld() {
    assertThat(held.hold(chat("a"), 1)).isEqualTo(HeldForHello.Outcome.NOT_ANSWERING);
    assertThat(held.next()).isNull();
  }

  @Test
  void whileAHelloIsAnswered_messagesAreHeldInOrder_upToTheCapacity_andAfterTheLastOneNoMore() {
    held.begin();
    assertThat(held.hold(chat("a"), 1)).isEqualTo(HeldForHello.Outcome.HELD);
    assertThat(held.hold(chat("b"), 2)).isEqualTo(HeldForHello.Outcome.HELD);
    assertThat(held.hold(chat("c"), 3)).isEqualTo(HeldForHello.Outcome.HELD);
    assertThat(held.hold(chat("d"), 4)).isEqualTo(HeldForHello.Outcome.FULL);

    List<String> order = new ArrayList<>();
    for (HeldForHello.Held h; (h = held.next()) != null; ) {
      order.add(((ClientMessage.Chat) h.message()).text() + h.receivedAtMs());
    }
    assertThat(order).containsExactly("a1", "b2", "c3");
    assertThat(held.hold(chat("e"), 5)).as("the hello is over").isEqualTo(HeldForHello.Outcome.NOT_ANSWERING);
  }

  @Test
  void aMessageHeldWhileTheHeldOnesAreHandled_isHandledToo_beforeTheHelloEnds() {
    held.begin();
    held.hold(chat("a"), 1);
    assertThat(held.next()).isNotNull();
    assertThat(held.hold(chat("b"), 2)).isEqualTo(HeldForHello.Outcome.HELD);
    assertThat(held.next()).extracting(h -> ((ClientMessage.Chat) h.message()).text()).isEqualTo("b");
    assertThat(held.next()).isNull();
  }

  private static ClientMessage chat(String text) {
    return new ClientMessage.Chat(text, null, null);
  }
}
