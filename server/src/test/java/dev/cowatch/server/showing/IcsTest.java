package dev.cowatch.server.showing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsTest {
  private static final long START = java.time.Instant.parse("2026-12-01T19:00:00Z").toEpochMilli();

  private static Showing showing(String title, Long lastDuration) {
    return new Showing("s1", new UserId("u-ann"), title, "Bring snacks; popcorn, too", List.of(
        new Episode("media:aaaaaaaaaaaaaaaa", "Part 1", 3_600_000L), new Episode("https://x/2.mp4", "Part 2", lastDuration)),
        START, ZoneId.of("Europe/Berlin"), Visibility.UNLISTED, "room1", Showing.Status.SCHEDULED, START - 86_400_000L);
  }

  @Test
  void one_event_in_utc_from_start_to_the_end_of_the_last_episode() {
    String ics = Ics.event(showing("Film night", 1_800_000L), "https://cw.example/s/s1", "cw.example", START - 1_000)
        .replace("\r\n ", "");
    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    assertThat(ics).contains("\r\nDTSTART:20261201T190000Z\r\n", "\r\nDTEND:20261201T203000Z\r\n",
        "\r\nUID:showing-s1@cw.example\r\n", "\r\nSUMMARY:Film night\r\n", "\r\nURL:https://cw.example/s/s1\r\n");
    assertThat(ics).contains("DESCRIPTION:Bring snacks\\; popcorn\\, too\\n\\nWatch together");
  }

  @Test
  void an_unknown_end_gets_two_hours_after_the_last_start() {
    String ics = Ics.event(showing("Film night", null), "https://cw.example/s/s1", "cw.example", START);
    assertThat(ics).contains("\r\nDTEND:20261201T220000Z\r\n");
  }

  @Test
  void long_lines_fold_at_75_octets_without_splitting_a_character() {
    String title = "Фильм ".repeat(30);
    String ics = Ics.event(showing(title, 1L), "https://cw.example/s/s1", "cw.example", START);
    for (String physical : ics.split("\r\n")) {
      assertThat(physical.getBytes(StandardCharsets.UTF_8).length).as(physical).isLessThanOrEqualTo(75);
    }
    String unfolded = ics.replace("\r\n ", "");
    assertThat(unfolded).contains("SUMMARY:" + title.replace(",", "\\,") + "\r\n");
  }
}
