package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written timeline message is byte for byte what Jackson writes, and reads back the same. */
class TimelineJsonTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void writesWhatJacksonWrites_forSeededRandomTimelines() throws ProtocolException {
    Random random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      ServerMessage.TimelineUpdate m = new ServerMessage.TimelineUpdate(timeline(random), cause(random));
      String ours = codec.encode(m);
      assertThat(ours).isEqualTo(codec.encodeWithJackson(m));
      assertThat(codec.decodeServer(ours)).isEqualTo(m);
    }
  }

  @Test
  void theUsualTimeline_isWrittenByHand_andReadsBack() throws ProtocolException {
    var m = new ServerMessage.TimelineUpdate(
        new ServerMessage.TimelineView("m-1", "PLAYING", 61_000, 1_767_225_604_263L, 1.0, 7),
        new ServerMessage.CauseView("mem-1", "seek", "Ann \"the host\""));
    assertThat(TimelineJson.canWrite(m)).isTrue();
    assertThat(codec.encode(m)).isEqualTo("{\"type\":\"timeline\",\"timeline\":{\"mediaId\":\"m-1\",\"state\":\"PLAYING\","
        + "\"anchorPositionMs\":61000,\"anchorTimeMs\":1767225604263,\"rate\":1.0,\"version\":7},"
        + "\"cause\":{\"memberId\":\"mem-1\",\"intent\":\"seek\",\"name\":\"Ann \\\"the host\\\"\"}}");
    assertThat(codec.decodeServer(codec.encode(m))).isEqualTo(m);
  }

  @Test
  void aRateThatIsNoNumber_isLeftToJackson() {
    for (double rate : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      var m = new ServerMessage.TimelineUpdate(new ServerMessage.TimelineView("m", "PAUSED", 0, 0, rate, 1), null);
      assertThat(TimelineJson.canWrite(m)).isFalse();
      assertThat(codec.encode(m)).isEqualTo(codec.encodeWithJackson(m));
    }
  }

  private static ServerMessage.TimelineView timeline(Random r) {
    double rate = switch (r.nextInt(5)) {
      case 0 -> 1.0;
      case 1 -> 0.25 * (1 + r.nextInt(8));
      case 2 -> r.nextDouble() * 4;
      case 3 -> r.nextBoolean() ? 1e-7 * r.nextDouble() : 1e9 * r.nextDouble();
      default -> -r.nextDouble();
    };
    return new ServerMessage.TimelineView(maybe(r), r.nextInt(6) == 0 ? null : text(r), longValue(r), longValue(r),
        rate, longValue(r));
  }

  private static ServerMessage.CauseView cause(Random r) {
    if (r.nextInt(6) == 0) return null;
    return new ServerMessage.CauseView(maybe(r), maybe(r), maybe(r));
  }

  private static long longValue(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      case 1 -> r.nextInt(10) - 5;
      default -> r.nextLong();
    };
  }

  private static String maybe(Random r) {
    return r.nextInt(5) == 0 ? null : text(r);
  }

  /** Names as people type them, and worse: quotes, backslashes, control characters, emoji, other scripts. */
  private static String text(Random r) {
    String pool = "aZ09 -_\"\\/\n\r\t\b\f\u0000\u0001\u001f\u007f\u00e9\u0416\u4e2d\u2028\u00a0";
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(12); i > 0; i--) {
      if (r.nextInt(8) == 0) b.append("\uD83C\uDF7F"); // popcorn: a surrogate pair
      else b.append(pool.charAt(r.nextInt(pool.length())));
    }
    return b.toString();
  }
}
