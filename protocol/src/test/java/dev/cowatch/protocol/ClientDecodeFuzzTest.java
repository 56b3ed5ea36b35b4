package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;
import java.nio.charset.StandardCharsets;

/**
 * Any text as a client's WebSocket message: a message, or the codec's one documented refusal
 * (ProtocolException with a wire error code); never another exception. Where the hand-written
 * reader (IntentJson) answers, Jackson answers the same.
 */
class ClientDecodeFuzzTest {
  private static final JsonCodec CODEC = new JsonCodec();

  @FuzzTest(maxDuration = "15s")
  void anyText_isAMessageOrAProtocolError_andTheFastPathAgreesWithJackson(byte[] frame) {
    FuzzRuns.count(getClass());
    // Bytes, not a String parameter: the kept seeds are then plain JSON files.
    String json = new String(frame, StandardCharsets.UTF_8);
    ClientMessage fast = IntentJson.read(json);
    ClientMessage decoded;
    try {
      decoded = CODEC.decodeClient(json);
    } catch (ProtocolException refused) {
      assertThat(fast).as("the fast path read what the codec refuses").isNull();
      assertThat(refused.error()).isNotNull();
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(decoded).isNotNull();
    if (fast != null) {
      ClientMessage jackson;
      try {
        jackson = CODEC.decodeClientWithJackson(json);
      } catch (ProtocolException e) {
        throw new AssertionError("the fast path read " + fast + " but Jackson refuses: " + e.getMessage(), e);
      }
      assertThat(fast).isEqualTo(jackson);
    }
  }
}
