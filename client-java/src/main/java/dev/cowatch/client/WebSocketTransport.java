package dev.cowatch.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** The JDK's WebSocket client; sends are chained so they go out one after another, in order. */
public final class WebSocketTransport implements Transport {
  private final HttpClient http;

  public WebSocketTransport() {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public CompletableFuture<Connection> connect(URI uri, Listener listener) {
    AtomicBoolean closed = new AtomicBoolean();
    WebSocket.Listener adapter = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          partial.setLength(0);
          listener.onText(text);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        if (closed.compareAndSet(false, true)) listener.onClosed(code, reason);
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        if (closed.compareAndSet(false, true)) listener.onClosed(1006, String.valueOf(error.getMessage()));
      }
    };
    return http.newWebSocketBuilder().buildAsync(uri, adapter).thenApply(ws -> new Connection() {
      private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

      @Override
      public synchronized void send(String text) {
        tail = tail.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
      }

      @Override
      public synchronized void close(int code, String reason) {
        tail = tail.handle((r, e) -> null).thenCompose(x -> ws.sendClose(code, reason));
        tail.whenComplete((r, e) -> {
          ws.abort();
          if (closed.compareAndSet(false, true)) listener.onClosed(code, reason);
        });
      }
    });
  }
}
