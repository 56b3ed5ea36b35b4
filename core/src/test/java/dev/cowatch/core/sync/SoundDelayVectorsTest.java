package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.SoundDelay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared sound-delay vectors on the Java rule; web/test/soundDelay.test.ts runs the same file on the web app's twin. */
class SoundDelayVectorsTest {
  static final Path FILE = Path.of("src/test/resources/sync/sound-delay-vectors.json");

  static Stream<Named<JsonNode>> bounded() throws IOException {
    return VectorFiles.cases(FILE, "bounded");
  }

  static Stream<Named<JsonNode>> positions() throws IOException {
    return VectorFiles.cases(FILE, "positions");
  }

  @ParameterizedTest
  @MethodSource("bounded")
  void aRequestedDelayIsKeptInItsBounds(JsonNode vector) {
    JsonNode requested = vector.path("requestedMs");
    double ms = requested.isTextual() ? Double.parseDouble(requested.asText()) : requested.asDouble();
    assertThat(SoundDelay.bounded(ms)).isEqualTo(vector.path("delayMs").asInt());
  }

  @ParameterizedTest
  @MethodSource("positions")
  void theHeardPositionAndThePicturesTarget(JsonNode vector) {
    int delay = vector.path("delayMs").asInt();
    assertThat(SoundDelay.heardMs(vector.path("pictureMs").asDouble(), delay)).isEqualTo(vector.path("heardMs").asDouble());
    assertThat(SoundDelay.pictureMs(vector.path("heardTargetMs").asDouble(), delay))
        .isEqualTo(vector.path("pictureTargetMs").asDouble());
  }

  @Test
  void aViewIsReadAsHeard_withEverythingElseKept() {
    PlayerView view = new PlayerView(false, true, 10_000, 1.02, 123);
    assertThat(view.heard(180)).isEqualTo(new PlayerView(false, true, 9_820, 1.02, 123));
    assertThat(view.heard(0)).isSameAs(view);
  }
}
