package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Chat between two browsers: a line meant to run script is shown as the text it is; mentions stand
 * out; joins appear as system lines; reactions reach the other browser.
 */
class ChatBrowserTest {
  private static final String ATTACK = "<img src=x onerror=alert(1)>";

  @Test
  void markupInChatIsShownAsText_andAMentionIsHighlighted() throws Exception {
    try (E2eStack stack = E2eStack.start()) {
      String roomId = stack.createRoom("{\"name\":\"Chatty\",\"mediaId\":\"" + stack.videoUrl() + "\"}");
      try (RoomSession room = new RoomSession(stack, roomId)) {
        RoomPage ann = room.join("Ann");
        RoomPage ben = room.join("Ben");
        List<String> dialogs = new CopyOnWriteArrayList<>();
        for (RoomPage p : List.of(ann, ben)) p.page().onDialog(d -> {
          dialogs.add(d.message());
          d.dismiss();
        });

        ann.page().locator("#chat-input").fill(ATTACK + " @Ben");
        ann.page().locator("#chat-form button[type=submit]").click();

        ben.awaitText("#chat-lines", ATTACK, 10_000);
        var line = ben.page().locator("#chat-lines .chat-line:not(.system)").last();
        assertThat(line.locator(".chat-text").innerText()).isEqualTo(ATTACK + " @Ben");
        assertThat(ben.page().locator("#chat-lines img").count()).as("no element was made from the text").isZero();
        assertThat(line.getAttribute("class")).as("Ben is mentioned").contains("mention");
        assertThat(ann.page().locator("#chat-lines .chat-line:not(.system)").last().getAttribute("class"))
            .doesNotContain("mention");
        ann.awaitText("#chat-lines", "Ben joined", 10_000);

        // A reaction on Ann's line from Ben, and one floating over the video.
        line.locator(".chat-react").click();
        line.locator(".chat-picker .emoji").first().click();
        ann.awaitText("#chat-lines", "\uD83D\uDC4D 1", 10_000);
        ben.page().locator(".reaction-bar .emoji").nth(6).click();
        ann.awaitText(".reaction-layer", "Ben", 5_000);
        ann.idle(500);
        assertThat(dialogs).as("no script ran").isEmpty();
        ben.screenshot(Path.of("target", "chat.png"));
        for (RoomPage p : List.of(ann, ben)) assertThat(p.problems()).as(p.name() + "'s console").isEmpty();
      }
    }
  }
}
