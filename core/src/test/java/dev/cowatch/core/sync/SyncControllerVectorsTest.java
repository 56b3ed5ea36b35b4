package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared vectors (src/test/resources/sync/controller-vectors.json) on the Java controller; the
 * web app's twin runs the same file (web/test/controllerVectors.test.ts), so a change of behaviour in
 * one fails until the other and the file agree. {@code SYNC_VECTORS_RECORD=1} writes what this
 * controller answers into the file instead of checking it.
 */
class SyncControllerVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/controller-vectors.json");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final boolean RECORD = "1".equals(System.getenv("SYNC_VECTORS_RECORD"));
  /** Both languages do the same IEEE arithmetic; this only forgives the decimal round trip of the file. */
  private static final double EXACT = 1e-9;

  static Stream<Named<ObjectNode>> vectors() throws IOException {
    JsonNode doc = JSON.readTree(FILE.toFile());
    List<Named<ObjectNode>> all = new ArrayList<>();
    doc.get("vectors").forEach(v -> all.add(Named.of(v.get("name").asText(), (ObjectNode) v)));
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void the_java_controller_answers_as_the_vectors_say(ObjectNode vector) throws IOException {
    SyncController controller = new SyncController(Tolerances.DEFAULTS, traits(vector.get("player")));
    int index = 0;
    for (JsonNode node : vector.get("steps")) {
      ObjectNode step = (ObjectNode) node;
      ArrayNode commands = JsonNodeFactory.instance.arrayNode();
      if (step.has("seekFinished")) {
        controller.seekFinished(step.get("seekFinished").asDouble());
      } else {
        if (step.has("clockUncertaintyMs")) controller.clockUncertaintyMs(step.get("clockUncertaintyMs").asDouble());
        for (PlayerCommand c : controller.step(timeline(vector, step), step.get("serverNowMs").asDouble(), view(step))) {
          commands.add(json(c));
        }
      }
      String where = vector.get("name").asText() + ", step " + index++;
      if (RECORD) {
        if (!step.has("seekFinished")) step.set("commands", commands);
        step.put("lastErrorMs", controller.lastErrorMs());
        step.put("seekLatencyMs", controller.seekLatencyMs());
        step.put("startLatencyMs", controller.startLatencyMs());
        step.put("switchJumpMs", controller.switchJumpMs());
        step.put("nudges", controller.nudges());
        step.put("seeks", controller.seeks());
        continue;
      }
      if (!step.has("seekFinished")) assertCommands(where, step.get("commands"), commands);
      assertThat(controller.lastErrorMs()).as(where + ": lastErrorMs").isCloseTo(step.get("lastErrorMs").asDouble(),
          org.assertj.core.api.Assertions.within(EXACT));
      assertThat(controller.seekLatencyMs()).as(where + ": seekLatencyMs")
          .isCloseTo(step.get("seekLatencyMs").asDouble(), org.assertj.core.api.Assertions.within(EXACT));
      assertThat(controller.startLatencyMs()).as(where + ": startLatencyMs")
          .isCloseTo(step.get("startLatencyMs").asDouble(), org.assertj.core.api.Assertions.within(EXACT));
      assertThat(controller.switchJumpMs()).as(where + ": switchJumpMs")
          .isCloseTo(step.get("switchJumpMs").asDouble(), org.assertj.core.api.Assertions.within(EXACT));
      assertThat(controller.nudges()).as(where + ": nudges").isEqualTo(step.get("nudges").asLong());
      assertThat(controller.seeks()).as(where + ": seeks").isEqualTo(step.get("seeks").asLong());
    }
    if (RECORD) record(vector);
  }

  private static void assertCommands(String where, JsonNode expected, ArrayNode actual) {
    assertThat(expected).as(where + ": the file says which commands").isNotNull();
    assertThat(actual.size()).as(where + ": commands " + actual + ", expected " + expected).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      JsonNode a = actual.get(i);
      String which = where + ": command " + i;
      assertThat(a.get("kind").asText()).as(which).isEqualTo(e.get("kind").asText());
      e.fieldNames().forEachRemaining(f -> {
        if (!f.equals("kind")) {
          assertThat(a.get(f).asDouble()).as(which + " " + f)
              .isCloseTo(e.get(f).asDouble(), org.assertj.core.api.Assertions.within(EXACT));
        }
      });
    }
  }

  private static PlayerTraits traits(JsonNode player) {
    if (player.has("engine")) return PlayerTraits.ofEngine(player.get("engine").asText());
    double[] guesses = null;
    if (player.has("switchCostGuessesMs")) {
      guesses = new double[4];
      for (int i = 0; i < 4; i++) guesses[i] = player.get("switchCostGuessesMs").get(i).asDouble();
    }
    return new PlayerTraits(player.get("startLatencyMs").asDouble(), guesses, player.get("switchUnderWayMs").asDouble(),
        player.get("switchLagMs").asDouble());
  }

  private static Timeline timeline(JsonNode vector, JsonNode step) {
    JsonNode t = vector.get("timelines").get(step.get("timeline").asText());
    return new Timeline(t.get("mediaId").isNull() ? null : t.get("mediaId").asText(),
        PlaybackState.valueOf(t.get("state").asText().toUpperCase(Locale.ROOT)), t.get("anchorPositionMs").asLong(),
        t.get("anchorTimeMs").asLong(), t.get("rate").asDouble(), t.get("version").asLong());
  }

  /** The file's {@code busy} is the Java reading's {@code seeking}: seeking, or stalled for data. */
  private static PlayerView view(JsonNode step) {
    JsonNode v = step.get("view");
    double now = step.get("serverNowMs").asDouble();
    return new PlayerView(v.path("paused").asBoolean(false), v.path("busy").asBoolean(false),
        v.get("positionMs").asDouble(), v.path("rate").asDouble(1), v.path("localTimeMs").asDouble(now));
  }

  private static ObjectNode json(PlayerCommand c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    switch (c) {
      case PlayerCommand.Pause p -> o.put("kind", "pause");
      case PlayerCommand.Play p -> o.put("kind", "play");
      case PlayerCommand.PlayAt p -> o.put("kind", "playAt").put("serverTimeMs", p.serverTimeMs());
      case PlayerCommand.Seek s -> o.put("kind", "seek").put("positionMs", s.positionMs());
      case PlayerCommand.SetRate r -> o.put("kind", "rate").put("rate", r.rate());
    }
    return o;
  }

  /** Vectors run one at a time (JUnit's default here): each rewrites the file with its steps filled in. */
  private static synchronized void record(ObjectNode vector) throws IOException {
    ObjectNode doc = (ObjectNode) JSON.readTree(FILE.toFile());
    ArrayNode all = (ArrayNode) doc.get("vectors");
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).get("name").asText().equals(vector.get("name").asText())) all.set(i, vector);
    }
    Files.writeString(FILE, JSON.writeValueAsString(doc) + "\n");
  }
}
