package dev.cowatch.server.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldChatTest {
  private static final long T0 = 1_000_000L;
  private final List<String> sent = new ArrayList<>();
  private final HeldChat chat = new HeldChat(sent::add, T0);

  @Test
  void linesBeforeThePlayerIsUp_waitAndGoOutInOrderWhenItIs() {
    chat.send("a");
    chat.send("b");
    assertThat(sent).isEmpty();

    chat.playerUp();
    chat.send("c");

    assertThat(sent).containsExactly("a", "b", "c");
  }

  @Test
  void aClientThatNeverSaysItsPlayerIsUp_getsTheLinesAfterTheHold() {
    chat.send("a");
    chat.tick(T0 + HeldChat.HOLD_MS);
    assertThat(sent).isEmpty();

    chat.tick(T0 + HeldChat.HOLD_MS + 1);

    assertThat(sent).containsExactly("a");
  }

  @Test
  void atMostTheNewestLinesAreHeld() {
    for (int i = 0; i < HeldChat.MAX_HELD + 3; i++) chat.send("line " + i);

    chat.playerUp();

    assertThat(sent).hasSize(HeldChat.MAX_HELD).first().isEqualTo("line 3");
  }
}
