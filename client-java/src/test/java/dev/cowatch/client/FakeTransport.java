package dev.cowatch.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Opens connections that record what is sent; a test plays the server through {@link Link}. */
final class FakeTransport implements Transport {
  /** One opened connection: what the client sent on it, and its listener to answer with. */
  static final class Link implements Connection {
    final Listener listener;
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile Integer closedWith;

    Link(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void send(String text) {
      sent.add(text);
    }

    @Override
    public void close(int code, String reason) {
      closedWith = code;
    }
  }

  final List<Link> links = new CopyOnWriteArrayList<>();
  /** When set, connecting fails with it instead. */
  volatile RuntimeException refuse;
  volatile int attempts;

  @Override
  public CompletableFuture<Connection> connect(URI uri, Listener listener) {
    attempts++;
    if (refuse != null) return CompletableFuture.failedFuture(refuse);
    Link link = new Link(listener);
    links.add(link);
    return CompletableFuture.completedFuture(link);
  }

  Link last() {
    return links.get(links.size() - 1);
  }
}
