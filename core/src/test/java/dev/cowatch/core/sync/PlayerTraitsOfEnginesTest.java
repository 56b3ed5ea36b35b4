package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engines' traits here are the shared file's, which the web twin's constants are held to as well. */
class PlayerTraitsOfEnginesTest {
  private static final Path FILE = Path.of("src/test/resources/sync/player-traits.json");

  @ParameterizedTest
  @ValueSource(strings = {"chromium", "webkit", "firefox"})
  void eachEngine_hasTheSharedFilesTraits(String engine) throws IOException {
    JsonNode t = new ObjectMapper().readTree(FILE.toFile()).get("engines").get(engine);
    List<Double> guesses = new ArrayList<>();
    t.get("switchCostGuessesMs").forEach(g -> guesses.add(g.asDouble()));
    PlayerTraits expected = new PlayerTraits(t.get("startLatencyMs").asDouble(),
        guesses.stream().mapToDouble(Double::doubleValue).toArray(), t.get("switchUnderWayMs").asDouble(),
        t.get("switchLagMs").asDouble());
    assertThat(PlayerTraits.ofEngine(engine)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Chromium", "safari"})
  void anEngineNotKnown_isRefusedByName(String engine) {
    assertThatThrownBy(() -> PlayerTraits.ofEngine(engine)).hasMessageContaining("no traits for engine");
  }
}
