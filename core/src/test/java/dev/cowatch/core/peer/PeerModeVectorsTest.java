package dev.cowatch.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared peer-mode vectors on the Java PeerMode; web/test/peerModeVectors.test.ts runs the same
 * file on the web app's twin, so a Java client in the mesh hands over between server and peers as a
 * page does.
 */
class PeerModeVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/peer-mode-vectors.json");

  static Stream<Named<JsonNode>> scenarios() throws IOException {
    JsonNode file = new ObjectMapper().readTree(FILE.toFile());
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode s : file.path("scenarios")) out.add(Named.of(s.path("name").asText(), s));
    return out.stream();
  }

  private static JsonNode timelines() throws IOException {
    return new ObjectMapper().readTree(FILE.toFile()).path("timelines");
  }

  private static Timeline timeline(JsonNode timelines, JsonNode ref) {
    if (ref.isNull()) return null;
    JsonNode t = timelines.path(ref.asText());
    assertThat(t.isObject()).as("timeline %s", ref).isTrue();
    return new Timeline(t.path("mediaId").isNull() ? null : t.path("mediaId").asText(),
        PlaybackState.valueOf(t.path("state").asText().toUpperCase(Locale.ROOT)), t.path("anchorPositionMs").asLong(),
        t.path("anchorTimeMs").asLong(), t.path("rate").asDouble(), t.path("version").asLong());
  }

  private static String plan(PeerAuthority.Return r) {
    return switch (r) {
      case PeerAuthority.Return.FollowServer f -> "followServer";
      case PeerAuthority.Return.Wait w -> "wait";
      case PeerAuthority.Return.HandBack h -> "handBack";
    };
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void theScenarioPlaysOutAsTheVectorsSay(JsonNode scenario) throws IOException {
    JsonNode timelines = timelines();
    PeerMode mode = new PeerMode();
    int i = 0;
    for (JsonNode step : scenario.path("steps")) {
      String at = "step " + i++ + " " + step;
      JsonNode expect = step.path("expect");
      switch (step.path("do").asText()) {
        case "lose" -> mode.lose(timeline(timelines, step.path("timeline")));
        case "peerTimeline" -> assertThat(mode.peerTimeline(timeline(timelines, step.path("timeline")),
            step.path("base").asLong(), step.path("by").asText())).as(at).isEqualTo(expect.asBoolean());
        case "newer" -> assertThat(mode.newer(timeline(timelines, step.path("timeline")),
            step.path("base").asLong(), step.path("by").asText())).as(at).isEqualTo(expect.asBoolean());
        case "serverJoined" -> {
          PeerAuthority.Return r = mode.serverJoined(timeline(timelines, step.path("timeline")), step.path("place").asInt());
          assertThat(plan(r)).as(at).isEqualTo(expect.path("do").asText());
          if (r instanceof PeerAuthority.Return.HandBack h) {
            assertThat(h.afterMs()).as(at).isEqualTo(expect.path("afterMs").asLong());
          }
        }
        case "serverTimeline" -> assertThat(mode.serverTimeline(timeline(timelines, step.path("timeline"))).name())
            .as(at).isEqualTo(expect.asText().toUpperCase(Locale.ROOT));
        case "handBack" -> {
          Optional<PeerMode.HandBack> expected = expect.isNull() ? Optional.empty() : Optional.of(new PeerMode.HandBack(
              expect.path("version").asLong(), expect.path("mediaId").asText(),
              PlaybackState.valueOf(expect.path("state").asText().toUpperCase(Locale.ROOT)),
              expect.path("anchorPositionMs").asLong(), expect.path("anchorTimeMs").asLong(), expect.path("rate").asDouble()));
          assertThat(mode.handBack()).as(at).isEqualTo(expected);
        }
        case "giveUp" -> mode.giveUp();
        case "check" -> { }
        default -> throw new AssertionError("unknown step " + step);
      }
      if (step.has("state")) checkState(mode, step.path("state"), timelines, at);
    }
  }

  private static void checkState(PeerMode mode, JsonNode state, JsonNode timelines, String at) {
    if (state.has("mode")) assertThat(mode.mode().name()).as(at).isEqualTo(state.path("mode").asText().toUpperCase(Locale.ROOT));
    if (state.has("base")) assertThat(mode.base()).as(at).isEqualTo(state.path("base").asLong());
    if (state.has("timeline")) {
      assertThat(mode.timeline()).as(at).isEqualTo(Optional.ofNullable(timeline(timelines, state.path("timeline"))));
    }
    if (state.has("version")) {
      JsonNode v = state.path("version");
      assertThat(mode.timeline().map(Timeline::version)).as(at).isEqualTo(v.isNull() ? Optional.empty() : Optional.of(v.asLong()));
    }
    if (state.has("by")) assertThat(mode.by()).as(at).isEqualTo(state.path("by").asText());
    if (state.has("changed")) assertThat(mode.changed()).as(at).isEqualTo(state.path("changed").asBoolean());
  }
}
