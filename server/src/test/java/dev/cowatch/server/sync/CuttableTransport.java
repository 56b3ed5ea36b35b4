package dev.cowatch.server.sync;

import dev.cowatch.client.Transport;
import dev.cowatch.client.WebSocketTransport;
import dev.cowatch.protocol.CloseCodes;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real WebSocket, with a network path that can be cut (open sockets closed, new ones refused) and mended. */
final class CuttableTransport implements Transport {
  private final Transport inner = new WebSocketTransport();
  private final List<Connection> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  @Override
  public CompletableFuture<Connection> connect(URI uri, Listener listener) {
    if (cut) return CompletableFuture.failedFuture(new ConnectException("network cut by the test"));
    return inner.connect(uri, listener).thenApply(c -> {
      open.add(c);
      return c;
    });
  }

  void cut() {
    cut = true;
    for (Connection c : open) c.close(CloseCodes.GOING_AWAY, "network cut by the test");
    open.clear();
  }

  void mend() {
    cut = false;
  }
}
