package dev.cowatch.server.room.ws;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is cut off as a slow consumer, and its room does not notice. The
 * JDK's WebSocket keeps reading into its own buffers, so this one is written by hand on a TCP
 * socket that simply never reads after the handshake.
 */
class SlowConsumerTest {
  /** Each refused intent echoes its ref, so every message we send comes back about this big. */
  private static final int REF_BYTES = 15_000;

  @Test
  void clientThatStopsReading_isClosedAsSlow_whileTheRoomCarriesOn() throws Exception {
    Limits d = Limits.DEFAULTS;
    // Generous rate limits so that only the outbox and the send timeout can stop this client.
    Limits limits = new Limits(d.maxFrameBytes(), 100_000, 100_000, 100_000, 100_000, 8, 1_000, d.helloTimeoutMs(),
        d.maxRooms());
    try (TestServer ts = new TestServer(Tolerances.DEFAULTS, limits);
        Socket tcp = new Socket()) {
      RoomId roomId = ts.createRoom("film.mp4");
      CowatchClient good = ts.joined(roomId, "good");
      tcp.setReceiveBufferSize(4_096);
      tcp.connect(new InetSocketAddress("127.0.0.1", ts.baseUri().getPort()), 5_000);
      tcp.setSoTimeout(5_000);
      OutputStream out = tcp.getOutputStream();
      handshake(tcp, out, "/ws/rooms/" + roomId.value());
      sendText(out, "{\"type\":\"hello\",\"protocol\":1,\"name\":\"sloth\"}");
      within(Duration.ofSeconds(5)).until(() -> room(ts, roomId).members().size() == 2);
      Member sloth = room(ts, roomId).members().get(1);
      long version = room(ts, roomId).timeline().version();

      String ref = "r".repeat(REF_BYTES);
      String refused = "{\"type\":\"play\",\"version\":" + (version + 100) + ",\"ref\":\"" + ref + "\"}";
      try {
        for (int i = 0; i < 2_000 && connection(ts, roomId, sloth).orElse(null) == Connection.CONNECTED; i++) {
          sendText(out, refused);
        }
      } catch (IOException e) {
        // The server may reset the connection while we are still writing: that is the point.
      }

      within(Duration.ofSeconds(15)).until(() -> connection(ts, roomId, sloth).orElse(null) == Connection.DISCONNECTED);
      assertThat(room(ts, roomId).timeline().version()).isEqualTo(version);
      good.play();
      within(Duration.ofSeconds(5)).until(() -> good.timeline().state() == PlaybackState.PLAYING);
    }
  }

  private static Room room(TestServer ts, RoomId id) {
    return ts.server().rooms().service().find(id).orElseThrow();
  }

  private static Optional<Connection> connection(TestServer ts, RoomId id, Member m) {
    return room(ts, id).member(m.id()).map(Member::connection);
  }

  /** RFC 6455 opening handshake; reads only the response headers. */
  private static void handshake(Socket tcp, OutputStream out, String path) throws IOException {
    String key = Base64.getEncoder().encodeToString("cowatch-slow-key".getBytes(StandardCharsets.US_ASCII));
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = tcp.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("closed during handshake: " + head);
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
  }

  /** One masked text frame, as a client must send it. */
  private static void sendText(OutputStream out, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {0x12, 0x34, 0x56, 0x78};
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    }
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
    out.write(frame.toByteArray());
    out.flush();
  }
}
