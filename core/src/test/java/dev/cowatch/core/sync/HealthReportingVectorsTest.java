package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared health-report vectors on the Java rule; web/test/healthReporting.test.ts runs the same
 * file on the web app's twin, so the two cannot drift apart.
 */
class HealthReportingVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/health-report-vectors.json");

  static Stream<Named<JsonNode>> cases() throws IOException {
    return VectorFiles.cases(FILE);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theRuleAnswersEachStepAsTheVectorSays(JsonNode vector) {
    HealthReporting reporting = new HealthReporting();
    int i = 0;
    for (JsonNode step : vector.path("steps")) {
      boolean due = step.has("nudges")
          ? reporting.due(step.path("ready").asBoolean(), step.path("t").asDouble(), step.path("driftMs").asDouble(),
              step.path("rttMs").asDouble(), step.path("nudges").asLong(), step.path("seeks").asLong())
          : reporting.due(step.path("ready").asBoolean(), step.path("t").asDouble(), step.path("driftMs").asDouble(),
              step.path("rttMs").asDouble());
      assertThat(due).as("step %d at t=%s", i, step.path("t").asText()).isEqualTo(step.path("due").asBoolean());
      if (due && step.has("nudges")) {
        var carried = reporting.takeCorrections(step.path("nudges").asLong(), step.path("seeks").asLong());
        assertThat(carried).as("step %d: the report's corrections", i)
            .isEqualTo(new dev.cowatch.core.room.Corrections(step.path("report").path("nudges").asLong(),
                step.path("report").path("seeks").asLong()));
      }
      i++;
    }
    assertThat(i).as("steps in the vector").isPositive();
  }
}
