package dev.cowatch.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** A text-message connection to the server; WebSocket in production, delayed in the simulator. */
public interface Transport {

  interface Listener {
    void onText(String text);

    /** Called once when the connection ends, whoever ended it. */
    void onClosed(int code, String reason);
  }

  interface Connection {
    /** Sends in order; never blocks the caller for long. */
    void send(String text);

    void close(int code, String reason);
  }

  CompletableFuture<Connection> connect(URI uri, Listener listener);
}
