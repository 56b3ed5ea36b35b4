package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Play, pause and seek read by hand are what Jackson reads; every other form still goes to Jackson. */
class IntentJsonTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void readsTheClientsForms_asJacksonReadsThem() throws ProtocolException {
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      long version = number(random);
      long position = number(random);
      ClientMessage m = switch (i % 4) {
        case 0 -> new ClientMessage.Play(version, null);
        case 1 -> new ClientMessage.Pause(version, null, null);
        case 2 -> new ClientMessage.Pause(version, position, null);
        default -> new ClientMessage.Seek(version, position, null);
      };
      String json = codec.encode(m);
      assertThat(IntentJson.read(json)).as(json).isEqualTo(m);
      assertThat(codec.decodeClientWithJackson(json)).as(json).isEqualTo(m);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"play\",\"version\":-5}",
      "{\"type\":\"play\",\"version\":1.5}",
      "{\"type\":\"play\",\"version\":012}",
      "{\"type\":\"play\",\"version\":\"12\"}",
      "{\"type\":\"play\",\"version\":1000000000000000000}",
      "{\"type\":\"play\",\"version\":12} ",
      "{\"type\":\"play\",\"version\":12,\"ref\":\"r1\"}",
      "{\"type\":\"play\", \"version\":12}",
      "{\"type\":\"play\",\"version\":}",
      "{\"type\":\"play\",\"version\":12",
      "{\"type\":\"pause\",\"version\":3,\"positionMs\":}",
      "{\"type\":\"pause\",\"version\":3,\"positionMs\":-1}",
      "{\"type\":\"pause\",\"version\":3,\"positionMs\":5,\"positionMs\":6}",
      "{\"type\":\"pause\",\"version\":3,\"positionMs\":null}",
      "{\"type\":\"seek\",\"version\":3}",
      "{\"type\":\"seek\",\"version\":3,\"positionMs\":07}",
      "{\"type\":\"seek\",\"version\":3,\"positionMs\":7}}",
      "{\"type\":\"seekx\",\"version\":3,\"positionMs\":7}",
      "{\"type\":\"setRate\",\"version\":3,\"rate\":1.5}",
  })
  void anyOtherForm_isLeftToJackson(String json) {
    assertThat(IntentJson.read(json)).isNull();
    Object viaCodec = outcome(() -> codec.decodeClient(json));
    Object viaJackson = outcome(() -> codec.decodeClientWithJackson(json));
    assertThat(viaCodec).as(json).isEqualTo(viaJackson);
  }

  @Test
  void aSeekWithoutPosition_isStillRefusedWithJacksonsReason() {
    assertThatThrownBy(() -> codec.decodeClient("{\"type\":\"seek\",\"version\":3}"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("positionMs");
  }

  private interface Decode {
    ClientMessage run() throws ProtocolException;
  }

  /** The message read, or the error code and text: the same outcome both ways. */
  private static Object outcome(Decode d) {
    try {
      return d.run();
    } catch (ProtocolException e) {
      return e.error() + ": " + e.getMessage();
    }
  }

  private static long number(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> r.nextInt(10);
      case 1 -> 999_999_999_999_999_999L - r.nextInt(3);
      default -> r.nextLong(0, 1_000_000_000_000_000_000L);
    };
  }
}
