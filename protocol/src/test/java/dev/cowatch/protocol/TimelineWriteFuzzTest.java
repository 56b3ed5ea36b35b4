package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;

/**
 * Any timeline message (any strings, longs and rates): the codec writes exactly what Jackson
 * writes, whether the hand-written writer (TimelineJson) or Jackson wrote it, and it reads back
 * as the same message.
 */
class TimelineWriteFuzzTest {
  private static final JsonCodec CODEC = new JsonCodec();

  @FuzzTest(maxDuration = "15s")
  void anyTimeline_isWrittenAsJacksonWritesIt(FuzzedDataProvider data) throws ProtocolException {
    FuzzRuns.count(getClass());
    var timeline = new ServerMessage.TimelineView(text(data), text(data), data.consumeLong(), data.consumeLong(),
        data.consumeDouble(), data.consumeLong());
    var cause = data.consumeBoolean() ? null : new ServerMessage.CauseView(text(data), text(data), text(data));
    var message = new ServerMessage.TimelineUpdate(timeline, cause);
    String written = CODEC.encode(message);
    assertThat(written).isEqualTo(CODEC.encodeWithJackson(message));
    if (TimelineJson.canWrite(message)) {
      assertThat(CODEC.decodeServer(written)).isEqualTo(message);
    }
  }

  private static String text(FuzzedDataProvider data) {
    return data.consumeBoolean() ? null : data.consumeString(24);
  }
}
