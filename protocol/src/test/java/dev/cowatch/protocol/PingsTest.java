package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PingsTest {
  private final JsonCodec codec = new JsonCodec();

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryPingTheCodecWrites_asTheCodecReadsIt() throws ProtocolException {
    Random random = new Random(7);
    LongStream values = LongStream.concat(LongStream.of(0, 1, 9, 10, 1_767_225_604_263L, 999_999_999_999_999_999L),
        random.longs(200, 0, 1_000_000_000_000_000L));
    for (long t0 : values.toArray()) {
      String json = codec.encode(new ClientMessage.Ping(t0));
      assertThat(Pings.canonicalT0(bytes(json))).as(json).isEqualTo(t0);
      assertThat(((ClientMessage.Ping) codec.decodeClient(json)).t0()).isEqualTo(t0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"ping\",\"t0\":-5}",
      "{\"type\":\"ping\",\"t0\":1.5}",
      "{\"type\":\"ping\",\"t0\":012}",
      "{\"type\":\"ping\",\"t0\":\"12\"}",
      "{\"type\":\"ping\",\"t0\":1000000000000000000}",
      "{\"type\":\"ping\",\"t0\":12} ",
      "{\"type\":\"ping\",\"t0\":12,\"x\":1}",
      "{\"type\":\"ping\",\"t0\":}",
      "{\"type\":\"ping\",\"t0\":12",
      "{\"t0\":12,\"type\":\"ping\"}",
      "{ \"type\":\"ping\",\"t0\":12}",
      "{\"type\":\"pong\",\"t0\":12}",
      "{\"type\":\"report\",\"driftMs\":1,\"rttMs\":2}",
      ""})
  void leavesEverythingElseToTheCodec(String json) {
    assertThat(Pings.canonicalT0(bytes(json))).isEqualTo(-1);
  }

  @Test
  void readsTheRemainingBytes_withoutMovingThePosition() {
    ByteBuffer framed = bytes("xx{\"type\":\"ping\",\"t0\":42}");
    framed.position(2);
    assertThat(Pings.canonicalT0(framed)).isEqualTo(42);
    assertThat(framed.position()).isEqualTo(2);
  }

  @Test
  void pong_isWhatTheCodecWrites() throws ProtocolException {
    Random random = new Random(11);
    long[] edges = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1_767_225_604_263L};
    for (int i = 0; i < 300; i++) {
      long t0 = i < edges.length ? edges[i] : random.nextLong();
      long t1 = random.nextLong();
      long t2 = i % 2 == 0 ? t1 + 1 : random.nextLong();
      String ours = new String(Pings.pong(t0, t1, t2), StandardCharsets.UTF_8);
      assertThat(ours).isEqualTo(codec.encode(new ServerMessage.Pong(t0, t1, t2)));
      assertThat(codec.decodeServer(ours)).isEqualTo(new ServerMessage.Pong(t0, t1, t2));
    }
  }
}
