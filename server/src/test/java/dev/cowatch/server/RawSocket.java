package dev.cowatch.server;

import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ProtocolException;
import dev.cowatch.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bare WebSocket for tests that need exact control of what goes on the wire: sends text as
 * given, keeps every text message received and the close code, in thread-safe structures.
 */
public final class RawSocket implements AutoCloseable {
  /** Until the server has answered with an error, a close or a join. */
  public static final Duration WAIT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final JsonCodec codec = new JsonCodec();
  private final List<String> texts = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final List<String> pongs = new CopyOnWriteArrayList<>();
  private final WebSocket ws;

  private RawSocket(URI uri, HttpClient http) {
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          texts.add(partial.toString());
          partial.setLength(0);
        }
        socket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        socket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
        pongs.add(java.nio.charset.StandardCharsets.UTF_8.decode(message).toString());
        socket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket socket, Throwable error) {
        closeCode.complete(1006);
      }
    };
    try {
      this.ws = http.newWebSocketBuilder().buildAsync(uri, listener).get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("cannot open " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static RawSocket open(URI uri) {
    return new RawSocket(uri, HTTP);
  }

  /** Through {@code http}: e.g. a client that trusts a test's own certificate, for {@code wss://}. */
  public static RawSocket open(URI uri, HttpClient http) {
    return new RawSocket(uri, http);
  }

  /** Sends one text frame and waits until it is written. */
  public void send(String text) {
    if (!trySend(text)) throw new AssertionError("could not send on a closed socket: " + text);
  }

  /** Sends one text frame; false if the connection is gone. */
  public boolean trySend(String text) {
    try {
      ws.sendText(text, true).get(5, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | CompletionException | TimeoutException | IllegalStateException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sends one text message as several frames, one per part. */
  public void sendFragments(String... parts) {
    try {
      for (int i = 0; i < parts.length; i++) ws.sendText(parts[i], i == parts.length - 1).get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("could not send fragments", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sends a WebSocket ping control frame carrying {@code payload}. */
  public void sendPing(String payload) {
    try {
      ws.sendPing(ByteBuffer.wrap(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("could not send a ping", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Payloads of the WebSocket pongs received so far. */
  public List<String> pongs() {
    return pongs;
  }

  public void sendBinary(byte[] data) {
    try {
      ws.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("could not send binary", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Sends one binary frame ({@code last}: the message's final one); false when the server closed first,
   * as it may while a large one is still on its way.
   */
  public boolean trySendBinary(byte[] data, boolean last) {
    try {
      ws.sendBinary(ByteBuffer.wrap(data), last).get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Says hello with protocol 1 and waits until the room has let it in and sent its chat history. A
   * line posted while it joins comes once, live or in that history: only after the history does
   * every line come live (waiting for {@code joined} alone made chat tests flaky).
   */
  public ServerMessage.Joined hello(String name) {
    return hello(name, null);
  }

  public ServerMessage.Joined hello(String name, String resumeToken) {
    send(resumeToken == null
        ? "{\"type\":\"hello\",\"protocol\":1,\"name\":\"" + name + "\"}"
        : "{\"type\":\"hello\",\"protocol\":1,\"name\":\"" + name + "\",\"resumeToken\":\"" + resumeToken + "\"}");
    Timings.within(WAIT).until(() -> messages(ServerMessage.Joined.class).size() == 1
        && !messages(ServerMessage.ChatHistory.class).isEmpty());
    return messages(ServerMessage.Joined.class).getFirst();
  }

  /** Hello as the identity behind {@code token}; returns the joined message, or null if the room refused. */
  public ServerMessage.Joined helloWithToken(String name, String token) {
    send("{\"type\":\"hello\",\"protocol\":1,\"name\":\"" + name + "\",\"token\":\"" + token + "\"}");
    Timings.within(WAIT).until(() -> !messages(ServerMessage.Joined.class).isEmpty()
        || !messages(ServerMessage.Error.class).isEmpty());
    var joined = messages(ServerMessage.Joined.class);
    if (joined.isEmpty()) return null;
    Timings.within(WAIT).until(() -> !messages(ServerMessage.ChatHistory.class).isEmpty());
    return joined.getFirst();
  }

  public List<String> texts() {
    return List.copyOf(texts);
  }

  public List<ServerMessage> messages() {
    return texts.stream().map(this::decode).toList();
  }

  public <T extends ServerMessage> List<T> messages(Class<T> type) {
    return messages().stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<ServerMessage.Error> errors(String code) {
    return messages(ServerMessage.Error.class).stream().filter(e -> e.code().equals(code)).toList();
  }

  /** Waits for the first error with this code. */
  public ServerMessage.Error awaitError(String code) {
    Timings.within(WAIT).until(() -> !errors(code).isEmpty());
    return errors(code).getFirst();
  }

  /** The close code the server sent (1006 if the connection broke without one), waiting for it. */
  public int awaitClose(Duration atMost) {
    try {
      return closeCode.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("not closed within " + atMost, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public boolean isClosed() {
    return closeCode.isDone();
  }

  /** Drops the TCP connection without a close frame, as a pulled cable would. */
  public void abort() {
    ws.abort();
  }

  private ServerMessage decode(String text) {
    try {
      return codec.decodeServer(text);
    } catch (ProtocolException e) {
      throw new AssertionError("the server sent something unreadable: " + text, e);
    }
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(1, TimeUnit.SECONDS).exceptionally(e -> null);
    }
    ws.abort();
  }
}
