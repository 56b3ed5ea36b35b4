package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The signal rules, from the vectors web/test/signals.test.ts runs too. */
class SignalsTest {
  private final JsonCodec codec = new JsonCodec();

  record Vector(String name, String json, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vector> vectors() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    try (InputStream in = SignalsTest.class.getResourceAsStream("/p2p/signal-vectors.json")) {
      List<Vector> out = new ArrayList<>();
      for (JsonNode v : mapper.readTree(in).get("vectors")) {
        out.add(new Vector(v.get("name").asText(), mapper.writeValueAsString(v.get("message")),
            v.get("problem").isNull() ? null : v.get("problem").asText()));
      }
      assertThat(out).hasSizeGreaterThan(10);
      return out.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void decode_followsTheSharedVectors(Vector v) throws ProtocolException {
    if (v.problem() == null) {
      ClientMessage m = codec.decodeClient(v.json());
      assertThat(m).isInstanceOf(ClientMessage.Signal.class);
      assertThat(codec.decodeClient(codec.encode(m))).isEqualTo(m);
    } else {
      assertThatThrownBy(() -> codec.decodeClient(v.json()))
          .isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.error()).isEqualTo(WireError.INVALID_FIELD);
            assertThat(e.getMessage()).contains("'" + v.problem() + "'");
          });
    }
  }

  @Test
  void serverSignal_roundTripsWithEveryField() throws ProtocolException {
    ServerMessage m = new ServerMessage.Signal("m-1", "Ann", "s-1", "file", "offer", "v=0");
    String json = codec.encode(m);
    assertThat(json).contains("\"type\":\"signal\"").contains("\"from\":\"m-1\"");
    assertThat(codec.decodeServer(json)).isEqualTo(m);
  }
}
