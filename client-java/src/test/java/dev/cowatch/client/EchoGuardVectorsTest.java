package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared echo-guard vectors on the Java guard; web/test/echo.test.ts runs the same file on the web app's twin. */
class EchoGuardVectorsTest {
  static final Path FILE = Path.of("../core/src/test/resources/sync/echo-guard-vectors.json");

  static Stream<Named<JsonNode>> cases() throws IOException {
    List<Named<JsonNode>> out = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(FILE.toFile()).path("cases")) out.add(Named.of(c.path("name").asText(), c));
    return out.stream();
  }

  @Test
  void theFileHasCases() throws IOException {
    assertThat(cases()).hasSizeGreaterThan(8);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void eachEventIsAnEchoOrAGesture_asTheVectorSays(JsonNode vector) {
    EchoGuard guard = new EchoGuard();
    Steps steps = new Steps(guard, vector.path("frozen"));
    for (JsonNode e : vector.path("expect")) {
      steps.before(e.path("at").asDouble());
      PlayerEvent.Kind kind = kind(e.path("kind").asText());
      if (kind == PlayerEvent.Kind.SEEKED) guard.expectSeek(e.path("targetMs").asDouble(), e.path("at").asDouble());
      else guard.expectSoon(kind, e.path("at").asDouble());
    }
    int i = 0;
    for (JsonNode e : vector.path("events")) {
      steps.before(e.path("at").asDouble());
      if (e.path("kind").asText().equals("underWay")) {
        guard.underWay(e.path("at").asDouble());
        continue;
      }
      PlayerEvent event = new PlayerEvent(kind(e.path("kind").asText()), e.path("positionMs").asDouble(), 1, e.path("at").asDouble());
      assertThat(guard.consume(event)).as("event %d, %s", i++, e).isEqualTo(e.path("echo").asBoolean());
    }
  }

  /** The page's sync steps, every 20 ms outside the case's frozen intervals, as the file's "about" says. */
  private static final class Steps {
    private static final double EVERY_MS = 20;
    private final EchoGuard guard;
    private final JsonNode frozen;
    private double next = EVERY_MS;

    Steps(EchoGuard guard, JsonNode frozen) {
      this.guard = guard;
      this.frozen = frozen;
    }

    /** Runs the steps due before {@code atMs}. */
    void before(double atMs) {
      for (; next < atMs; next += EVERY_MS) {
        if (!frozenAt(next)) guard.ran(next);
      }
    }

    private boolean frozenAt(double t) {
      for (JsonNode f : frozen) {
        if (t >= f.get(0).asDouble() && t < f.get(1).asDouble()) return true;
      }
      return false;
    }
  }

  private static PlayerEvent.Kind kind(String web) {
    return switch (web) {
      case "play" -> PlayerEvent.Kind.PLAY;
      case "pause" -> PlayerEvent.Kind.PAUSE;
      case "seeked" -> PlayerEvent.Kind.SEEKED;
      case "ratechange" -> PlayerEvent.Kind.RATE_CHANGE;
      default -> throw new IllegalArgumentException("unknown kind " + web);
    };
  }
}
