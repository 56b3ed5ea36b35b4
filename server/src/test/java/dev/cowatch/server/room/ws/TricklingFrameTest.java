package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris on the WebSocket: a member that sends its next frame one byte at a time keeps the TCP
 * connection busy (each byte comes well within any idle timeout) but never completes a message. Only
 * whole messages count as signs of life, so it is closed as a silent one is.
 */
class TricklingFrameTest {
  private static final long DEAD_MS = 1_500;
  private static final long BYTE_EVERY_MS = 150;

  @Test
  void aFrameThatTrickles_isClosedWithHeartbeatTimeout_beforeItIsWhole() throws Exception {
    try (TestServer ts = new TestServer(Timings.tolerances(5_000, 30_000, DEAD_MS), Timings.helloTimeout(1_000));
        Socket socket = new Socket(ts.baseUri().getHost(), ts.baseUri().getPort())) {
      RoomId room = ts.createRoom("film.mp4");
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(("GET /ws/rooms/" + room.value() + " HTTP/1.1\r\nHost: " + ts.baseUri().getAuthority()
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(responseHead(in)).startsWith("HTTP/1.1 101");
      Frames frames = new Frames(in);
      Thread.ofVirtual().start(frames::readAll);

      out.write(maskedText("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Slow\"}"));
      Timings.within(java.time.Duration.ofSeconds(5)).until(() -> frames.texts.stream().anyMatch(t -> t.contains("\"joined\"")));

      byte[] chat = maskedText("{\"type\":\"chat\",\"text\":\"" + "x".repeat(100) + "\"}");
      long started = System.currentTimeMillis();
      int sent = 0;
      try {
        while (frames.closeCode.get() == 0 && sent < chat.length) {
          out.write(chat[sent++]);
          out.flush();
          Thread.sleep(BYTE_EVERY_MS);
        }
      } catch (IOException closedUnderUs) {
        // the server closed while a byte was on its way
      }
      Timings.within(java.time.Duration.ofSeconds(3)).until(() -> frames.closeCode.get() != 0);
      long closedAfterMs = System.currentTimeMillis() - started;

      assertThat(frames.closeCode.get()).isEqualTo(CloseCodes.HEARTBEAT_TIMEOUT);
      assertThat(sent).as("bytes of the frame sent before the close").isLessThan(chat.length);
      assertThat(closedAfterMs).isLessThan(DEAD_MS + 2_000);
    }
  }

  private static String responseHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) break;
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** A client's text frame: masked, as RFC 6455 requires of clients (the mask all zeroes is allowed). */
  private static byte[] maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    frame.writeBytes(new byte[4]);
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  /** The server's frames (never masked), read until it closes. */
  private static final class Frames {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final AtomicInteger closeCode = new AtomicInteger();
    private final DataInputStream in;

    Frames(DataInputStream in) {
      this.in = in;
    }

    void readAll() {
      try {
        while (true) {
          int opcode = in.readUnsignedByte() & 0x0f;
          long length = in.readUnsignedByte() & 0x7f;
          if (length == 126) length = in.readUnsignedShort();
          else if (length == 127) length = in.readLong();
          byte[] payload = in.readNBytes((int) length);
          if (opcode == 0x1) texts.add(new String(payload, StandardCharsets.UTF_8));
          if (opcode == 0x8) {
            closeCode.set(payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
            return;
          }
        }
      } catch (IOException e) {
        closeCode.compareAndSet(0, 1006);
      }
    }
  }
}
