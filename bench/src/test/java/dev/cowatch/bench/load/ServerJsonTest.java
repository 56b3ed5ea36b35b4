package dev.cowatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load generator's shortcuts agree with the protocol's own codec. */
class ServerJsonTest {
  private final JsonCodec codec = new JsonCodec();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPong_isRecognised_andItsT0Read() {
    byte[] m = b(codec.encode(new ServerMessage.Pong(1_767_225_600_012L, 1_767_225_600_020L, 1_767_225_600_021L)));
    assertThat(ServerJson.isType(m, 0, m.length, ServerJson.type("pong"))).isTrue();
    assertThat(ServerJson.isType(m, 0, m.length, ServerJson.type("pon"))).isFalse();
    assertThat(ServerJson.longField(m, 0, m.length, ServerJson.field("t0"), -1)).isEqualTo(1_767_225_600_012L);
  }

  @Test
  void aTimeline_givesItsVersion() throws Exception {
    String json = "{\"type\":\"timeline\",\"timeline\":{\"mediaId\":\"x.mp4\",\"state\":\"playing\",\"anchorPositionMs\":0,"
        + "\"anchorTimeMs\":1767225610206,\"rate\":1.0,\"version\":42},\"cause\":{\"memberId\":\"m-1\",\"intent\":\"play\"}}";
    ServerMessage decoded = codec.decodeServer(json);
    assertThat(decoded).isInstanceOf(ServerMessage.TimelineUpdate.class);
    byte[] m = b(json);
    assertThat(ServerJson.isType(m, 0, m.length, ServerJson.type("timeline"))).isTrue();
    assertThat(ServerJson.longField(m, 0, m.length, ServerJson.field("version"), -1)).isEqualTo(42);
    assertThat(ServerJson.longField(m, 0, m.length, ServerJson.field("absent"), -1)).isEqualTo(-1);
  }

  @Test
  void theHandWrittenPingAndReport_areWhatTheServerReadsAsPingAndReport() throws Exception {
    assertThat(codec.decodeClient(new String(Messages.ping(1234), StandardCharsets.US_ASCII)))
        .isEqualTo(new ClientMessage.Ping(1234L));
    assertThat(codec.decodeClient(new String(Messages.report(-2.5, 17), StandardCharsets.US_ASCII)))
        .isEqualTo(new ClientMessage.Report(-2.5, 17.0));
  }

  @Test
  void theScript_pausesSeeksAndPlays_onTheGivenVersion() throws Exception {
    assertThat(codec.decodeClient(new String(Intents.nth(0, 7), StandardCharsets.UTF_8)))
        .isInstanceOf(ClientMessage.Pause.class);
    assertThat(codec.decodeClient(new String(Intents.nth(1, 7), StandardCharsets.UTF_8)))
        .isInstanceOf(ClientMessage.Seek.class);
    ClientMessage play = codec.decodeClient(new String(Intents.nth(2, 7), StandardCharsets.UTF_8));
    assertThat(play).isEqualTo(new ClientMessage.Play(7L, null));
  }
}
