package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared clock-estimate vectors on the Java estimator; web/test/clockVectors.test.ts runs the
 * same file on the web app's twin, so the two cannot drift apart.
 */
class ClockEstimatorVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/clock-estimator-vectors.json");

  static Stream<Named<JsonNode>> cases() throws IOException {
    return VectorFiles.cases(FILE);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theEstimateIsAsTheVectorSays(JsonNode vector) {
    ClockEstimator e = new ClockEstimator(vector.path("capacity").asInt(), vector.path("bestOf").asInt());
    for (JsonNode x : vector.path("exchanges")) {
      e = e.add(ClockSample.of(x.get(0).asDouble(), x.get(1).asDouble(), x.get(2).asDouble(), x.get(3).asDouble()));
    }

    assertThat(e.offsetMs()).isCloseTo(vector.path("offsetMs").asDouble(), within(1e-6));
    assertThat(e.rttMs()).isCloseTo(vector.path("rttMs").asDouble(), within(1e-6));
    if (vector.path("uncertaintyMs").isNull()) {
      assertThat(e.uncertaintyMs()).isInfinite();
    } else {
      assertThat(e.uncertaintyMs()).isCloseTo(vector.path("uncertaintyMs").asDouble(), within(1e-6));
    }
  }
}
