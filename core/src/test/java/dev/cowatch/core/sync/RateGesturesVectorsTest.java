package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.Tolerances;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared rate-gesture vectors on the Java rule; web/test/rateGestures.test.ts runs the same file on the web app's twin. */
class RateGesturesVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/rate-gesture-vectors.json");

  static Stream<Named<JsonNode>> cases() throws IOException {
    return VectorFiles.cases(FILE);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aRateIsAPersonsChoice_onlyBeyondANudge(JsonNode vector) {
    boolean person = RateGestures.chosenByPerson(vector.path("playerRate").asDouble(), vector.path("timelineRate").asDouble(),
        Tolerances.DEFAULTS);
    assertThat(person).isEqualTo(vector.path("person").asBoolean());
  }
}
