package dev.cowatch.server.room.ws;

import dev.cowatch.protocol.Pings;
import dev.cowatch.server.room.metrics.RoomMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WebSocket on Jetty's core API: frames in, whole text messages to its {@link ClientConnection}.
 * The core API keeps a connection to Jetty's own few objects; the servlet and Javalin layers kept the
 * upgrade request's headers, cookies and an HTTP session per connection, which at tens of thousands
 * of connections was most of the heap they used.
 */
final class RoomEndpoint implements FrameHandler {
  private final Function<CoreSession, ClientConnection> open;
  private final RoomMetrics metrics;
  private final Clock clock;
  private final int maxMessageBytes;
  /** Strict: text that is not UTF-8 closes the connection. One message at a time, so one decoder. */
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private CoreSession session;
  private ClientConnection connection;
  /** A text message arriving in fragments; null between messages. */
  private ByteArrayOutputStream fragments;
  private boolean binaryMessage;
  /** Bytes of the binary message arriving: Jetty splits a big frame into fragments, each under the frame limit. */
  private long binaryBytes;

  RoomEndpoint(Function<CoreSession, ClientConnection> open, Clock clock, int maxMessageBytes, RoomMetrics metrics) {
    this.metrics = metrics;
    this.open = open;
    this.clock = clock;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void onOpen(CoreSession session, Callback callback) {
    this.session = session;
    connection = open.apply(session);
    callback.succeeded();
    session.demand();
  }

  @Override
  public void onFrame(Frame frame, Callback callback) {
    try {
      switch (frame.getOpCode()) {
        case OpCode.TEXT -> text(frame, true);
        case OpCode.CONTINUATION -> {
          if (binaryMessage) binary(frame, false);
          else text(frame, false);
        }
        case OpCode.BINARY -> binary(frame, true);
        case OpCode.PING ->
            session.sendFrame(new Frame(OpCode.PONG).setPayload(BufferUtil.copy(frame.getPayload())), Callback.NOOP, false);
        default -> { }
      }
      callback.succeeded();
    } catch (RuntimeException e) {
      callback.failed(e);
      return;
    }
    if (frame.getOpCode() != OpCode.CLOSE) session.demand();
  }

  /**
   * Binary is not part of the protocol: answered with an error once whole, or the connection closed
   * with 1009 as soon as it outgrows the message limit, as text is. Its bytes are counted, never kept.
   */
  private void binary(Frame frame, boolean first) {
    if (first) binaryBytes = 0;
    binaryMessage = !frame.isFin();
    if (connection == null || binaryBytes < 0) return;
    binaryBytes += frame.getPayloadLength();
    if (binaryBytes > maxMessageBytes) {
      binaryBytes = -1; // the rest of this message is ignored while the connection closes
      connection.close(CloseStatus.MESSAGE_TOO_LARGE, "message too large");
      return;
    }
    if (frame.isFin()) connection.binaryReceived();
  }

  private void text(Frame frame, boolean first) {
    if (connection == null) return;
    long receivedAt = clock.millis();
    if (first && frame.isFin()) {
      deliver(frame.getPayload(), receivedAt);
      return;
    }
    if (first) fragments = new ByteArrayOutputStream();
    if (fragments == null) return;
    ByteBuffer payload = frame.getPayload();
    if (payload != null) {
      if (fragments.size() + payload.remaining() > maxMessageBytes) {
        fragments = null;
        connection.close(CloseStatus.MESSAGE_TOO_LARGE, "message too large");
        return;
      }
      byte[] bytes = new byte[payload.remaining()];
      payload.get(bytes);
      fragments.writeBytes(bytes);
    }
    if (frame.isFin()) {
      byte[] whole = fragments.toByteArray();
      fragments = null;
      deliver(ByteBuffer.wrap(whole), receivedAt);
    }
  }

  private void deliver(ByteBuffer payload, long receivedAt) {
    if (payload != null) {
      long t0 = Pings.canonicalT0(payload);
      if (t0 >= 0) {
        connection.ping(t0, receivedAt);
        return;
      }
    }
    String text;
    try {
      text = utf8.decode(payload == null ? ByteBuffer.allocate(0) : payload.slice()).toString();
    } catch (CharacterCodingException e) {
      connection.close(CloseStatus.BAD_PAYLOAD, "text is not UTF-8");
      return;
    }
    // The room's id beside everything logged while the message is handled (a field of its own in JSON logs).
    org.slf4j.MDC.put("room", connection.roomId().value());
    try {
      connection.received(text, receivedAt);
    } finally {
      org.slf4j.MDC.remove("room");
    }
  }

  @Override
  public void onError(Throwable cause, Callback callback) {
    if (connection != null) connection.transportClosed();
    callback.succeeded();
  }

  @Override
  public void onClosed(CloseStatus closeStatus, Callback callback) {
    // The code the server chose when it closed first: a client that drops the socket instead of answering
    // the close would otherwise turn every server-side close into 1006.
    int ours = connection == null ? 0 : connection.closedByServerWith();
    metrics.socketClosed(ours != 0 ? ours : closeStatus == null ? CloseStatus.NO_CODE : closeStatus.getCode());
    if (connection != null) connection.transportClosed();
    callback.succeeded();
  }
}
