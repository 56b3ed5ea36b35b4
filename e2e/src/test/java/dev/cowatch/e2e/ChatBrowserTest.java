package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Chat between two browsers: a line meant to run script is shown as the text it is; mentions stand
 * out; joins appear as system lines; reactions reach the other browser; slow mode, set by the room's owner, holds a
 * viewer and shows the wait, and only staff see its control.
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

  @Test
  void slowMode_setByTheOwner_holdsAViewer_butNotTheOwner() throws Exception {
    try (E2eStack stack = E2eStack.start();
        RoomPage ann = stack.chromium().newViewer("Ann").createRoom(stack.baseUri(), "Premiere")) {
      String roomId = ann.page().url().replaceAll(".*/r/", "");
      try (RoomPage ben = stack.chromium().newViewer("Ben", 390, 844).join(stack.baseUri(), roomId, 0)) {
        assertThat(ben.page().locator("#chat-slow-mode-set").isVisible()).as("a viewer has no slow-mode control").isFalse();
        ann.page().selectOption("#chat-slow-mode-set", "30");
        ben.awaitText("#chat-slow-mode", "one line every 30 s", 10_000);

        ben.page().locator("#chat-input").fill("first!");
        ben.page().locator("#chat-form button[type=submit]").click();
        ann.awaitText("#chat-lines", "first!", 10_000);
        ben.awaitText("#chat-slow-mode", "you can write again in", 5_000);
        assertThat(ben.page().locator("#chat-form button[type=submit]").isDisabled()).as("Ben's send waits").isTrue();

        for (String line : List.of("staff one", "staff two")) {
          ann.page().locator("#chat-input").fill(line);
          ann.page().locator("#chat-form button[type=submit]").click();
        }
        ben.awaitText("#chat-lines", "staff two", 10_000);
        assertThat(ann.page().locator("#chat-form button[type=submit]").isDisabled()).as("the owner is not held").isFalse();
        ben.screenshot(Path.of("target", "chat-slow-mode.png"));
        for (RoomPage p : List.of(ann, ben)) assertThat(p.problems()).as(p.name() + "'s console").isEmpty();
      }
    }
  }
}
