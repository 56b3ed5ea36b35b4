package dev.cowatch.bridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ActivityTest {
  private final ObjectMapper json = new ObjectMapper();
  private static final String LINK = "https://cowatch.example/r/k3m8q2x7pa";

  @Test
  void playing_showsRoomPartyElapsedTimeAndJoinSecret() {
    JsonNode args = new Activity("Movie night", true, 90_000, 1_767_225_690_000L, "cowatch-ab", 3, 50, LINK).toArgs(json, 77);
    assertThat(args.path("pid").asLong()).isEqualTo(77);
    JsonNode a = args.path("activity");
    assertThat(a.path("details").asText()).isEqualTo("Movie night");
    assertThat(a.path("state").asText()).isEqualTo("Watching together");
    assertThat(a.path("timestamps").path("start").asLong()).isEqualTo(1_767_225_600L);
    assertThat(a.path("party").path("id").asText()).isEqualTo("cowatch-ab");
    assertThat(a.path("party").path("size").toString()).isEqualTo("[3,50]");
    assertThat(a.path("secrets").path("join").asText()).isEqualTo(LINK);
  }

  @Test
  void paused_hasNoElapsedTime() {
    JsonNode a = new Activity("Movie night", false, 90_000, 1_000_000, "p", 1, 2, LINK).toArgs(json, 1).path("activity");
    assertThat(a.path("state").asText()).isEqualTo("Paused");
    assertThat(a.has("timestamps")).isFalse();
  }

  @Test
  void textIsKeptWithinDiscordsLimits() {
    JsonNode a = new Activity("x".repeat(300), true, 0, 0, "p", 0, 0, "y".repeat(200)).toArgs(json, 1).path("activity");
    assertThat(a.path("details").asText()).hasSize(128);
    assertThat(a.path("party").path("size").toString()).isEqualTo("[1,1]");
    assertThat(a.has("secrets")).isFalse();
    assertThat(new Activity("x", false, 0, 0, "p", 1, 1, null).toArgs(json, 1).path("activity").path("details").asText()).hasSize(2);
  }

  @Test
  void sameShownAs_ignoresTheClockRunningButNotASeekOrANewMember() {
    Activity a = new Activity("R", true, 10_000, 100_000, "p", 2, 50, LINK);
    assertThat(a.sameShownAs(new Activity("R", true, 15_000, 105_000, "p", 2, 50, LINK))).isTrue();
    assertThat(a.sameShownAs(new Activity("R", true, 60_000, 105_000, "p", 2, 50, LINK))).isFalse();
    assertThat(a.sameShownAs(new Activity("R", true, 15_000, 105_000, "p", 3, 50, LINK))).isFalse();
    assertThat(a.sameShownAs(new Activity("R", false, 15_000, 105_000, "p", 2, 50, LINK))).isFalse();
    assertThat(a.sameShownAs(null)).isFalse();
  }
}
