package dev.cowatch.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

class AnnouncementsTest {
  private static Timeline at(long positionMs) {
    return new Timeline("file:1:" + "0".repeat(64), PlaybackState.PAUSED, positionMs, 0, 1.0, 4);
  }

  @Test
  void someoneElsesPause_isAnnouncedWithNameAndPosition() {
    assertThat(Announcements.timeline(at(751_000), new ServerMessage.CauseView("m-ann", "pause", "Ann"), "m-me"))
        .contains("Ann paused at 12:31");
  }

  @Test
  void ownChangesAndSnapshots_areNotAnnounced() {
    assertThat(Announcements.timeline(at(0), new ServerMessage.CauseView("m-me", "pause", "Me"), "m-me")).isEmpty();
    assertThat(Announcements.timeline(at(0), null, "m-me")).isEmpty();
    assertThat(Announcements.timeline(at(0), new ServerMessage.CauseView("m-ann", "ready", "Ann"), "m-me")).isEmpty();
  }

  @Test
  void theRoomsOwnDecision_isAnnouncedWithoutAName() {
    assertThat(Announcements.timeline(at(0), new ServerMessage.CauseView(null, "waitTimeout", null), "m-me"))
        .contains("The room plays on without those still buffering");
  }

  @Test
  void chat_showsPeopleWithTheirName_systemLinesInTheRoomsWords_timelineLinesNotTwice() {
    assertThat(Announcements.chat(new ServerMessage.ChatView(1, "m-ann", "u-1", "Ann", "hi ${path}", 0))).contains("Ann: hi ${path}");
    assertThat(Announcements.chat(new ServerMessage.ChatView(2, "m-ann", "u-1", "Ann", "Ann joined", 0, "system",
        new ServerMessage.ChatEventView("joined", "Ann", null), java.util.Map.of()))).contains("Ann joined");
    assertThat(Announcements.chat(new ServerMessage.ChatView(3, "m-ann", "u-1", "Ann", "Ann paused at 0:05", 0, "system",
        new ServerMessage.ChatEventView("pause", "Ann", 5_000L), java.util.Map.of()))).isEmpty();
  }

  @Test
  void clock_showsHoursOnlyWhenThereAreAny() {
    assertThat(Announcements.clock(75_000)).isEqualTo("1:15");
    assertThat(Announcements.clock(3_725_000)).isEqualTo("1:02:05");
    assertThat(Announcements.clock(-5)).isEqualTo("0:00");
  }
}
