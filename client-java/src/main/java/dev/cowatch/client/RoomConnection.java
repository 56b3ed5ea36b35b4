package dev.cowatch.client;

import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one room: opens the transport, says hello (with the resume token once the room gave
 * one), and after a drop comes back with {@link ReconnectPolicy}'s backoff until closed or told the
 * close is final.
 *
 * <p>Threads: any thread may connect, send, drop or close; the transport calls back on its own
 * thread, reconnects run on the scheduler. One lock guards the fields below; sends and {@link Events}
 * run outside it, so a slow transport or listener never holds it.
 */
final class RoomConnection implements Outbound {
  /** What the rest of the client hears of the link; never called under the lock. */
  interface Events {
    /** A message from the room, on the transport's thread. */
    void onText(String text);

    /** Hello went out on a new connection. */
    void opened();

    /** The connection ended, whoever ended it; a reconnect may already be scheduled. */
    void lost();
  }

  private static final Logger log = LoggerFactory.getLogger(RoomConnection.class);

  private final URI uri;
  private final String name;
  /** Access token of an account or guest session; null joins as an anonymous guest. */
  private final String accessToken;
  private final Transport transport;
  private final Scheduler scheduler;
  private final JsonCodec codec;
  private final Events events;
  private final Object lock = new Object();

  // Guarded by lock.
  private Transport.Connection connection;
  private CompletableFuture<Void> joined = new CompletableFuture<>();
  private String resumeToken;
  private boolean closing;
  private int reconnectAttempt;
  /** The server closed with 1012 (restarting) since the last join: retry quickly. */
  private boolean serverRestarting;

  RoomConnection(URI uri, String name, String accessToken, Transport transport, Scheduler scheduler, JsonCodec codec,
      Events events) {
    this.uri = uri;
    this.name = name;
    this.accessToken = accessToken;
    this.transport = transport;
    this.scheduler = scheduler;
    this.codec = codec;
    this.events = events;
  }

  /** Connects and says hello; completes when the room has answered with {@code joined}. */
  CompletableFuture<Void> connect() {
    CompletableFuture<Void> result;
    synchronized (lock) {
      result = joined;
      // A reconnect scheduled before close() must not bring the member back as a ghost.
      if (closing) {
        result.completeExceptionally(new IllegalStateException("the client is closed"));
        return result;
      }
    }
    transport.connect(uri, new Transport.Listener() {
      @Override
      public void onText(String text) {
        events.onText(text);
      }

      @Override
      public void onClosed(int code, String reason) {
        lost(code, reason);
      }
    }).whenComplete((c, error) -> {
      if (error != null) {
        lost(1006, "connect failed: " + error.getMessage());
        return;
      }
      opened(c);
    });
    return result;
  }

  private void opened(Transport.Connection c) {
    boolean closedMeanwhile;
    synchronized (lock) {
      closedMeanwhile = closing;
      if (!closedMeanwhile) connection = c;
    }
    if (closedMeanwhile) {
      c.close(CloseCodes.NORMAL, "bye");
      return;
    }
    c.send(codec.encode(new ClientMessage.Hello(JsonCodec.PROTOCOL_VERSION, name, resumeToken(), accessToken)));
    events.opened();
  }

  /**
   * The room answered hello: keep its token for the next resume and start the backoff over. Returns
   * the future {@link #connect()} gave, for the caller to complete once the listeners have heard.
   */
  CompletableFuture<Void> joined(String token) {
    synchronized (lock) {
      resumeToken = token;
      reconnectAttempt = 0;
      serverRestarting = false;
      return joined;
    }
  }

  String resumeToken() {
    synchronized (lock) {
      return resumeToken;
    }
  }

  /** Connected and answered: the caller still checks it knows its member. */
  boolean isJoined() {
    synchronized (lock) {
      return connection != null && joined.isDone();
    }
  }

  @Override
  public boolean send(ClientMessage message) {
    Transport.Connection c = current();
    if (c == null) return false;
    c.send(codec.encode(message));
    return true;
  }

  /** Sends raw text, bypassing the codec; for tests of the server's handling of bad input. */
  void sendRaw(String text) {
    Transport.Connection c = current();
    if (c != null) c.send(text);
  }

  /** Drops the connection without a goodbye, as a network failure would; the client reconnects. */
  void drop() {
    Transport.Connection c = current();
    if (c != null) c.close(CloseCodes.GOING_AWAY, "simulated network loss");
  }

  /** Leaves the room for good: says bye and closes; no reconnect follows. */
  void close() {
    Transport.Connection c;
    synchronized (lock) {
      closing = true;
      c = connection;
    }
    if (c != null) {
      c.send(codec.encode(new ClientMessage.Bye()));
      c.close(CloseCodes.NORMAL, "bye");
    }
  }

  private Transport.Connection current() {
    synchronized (lock) {
      return connection;
    }
  }

  private void lost(int code, String reason) {
    boolean reconnect;
    long delay;
    synchronized (lock) {
      connection = null;
      reconnect = !closing && !ReconnectPolicy.isFinal(code);
      if (code == CloseCodes.SERVICE_RESTART) serverRestarting = true;
      delay = ReconnectPolicy.delayMs(reconnectAttempt, serverRestarting);
      reconnectAttempt++;
      if (joined.isDone()) joined = new CompletableFuture<>();
      if (!reconnect) joined.completeExceptionally(new IllegalStateException("closed: " + code + " " + reason));
    }
    events.lost();
    if (reconnect) {
      log.debug("connection lost ({} {}), reconnecting in {} ms", code, reason, delay);
      scheduler.schedule(this::connect, delay);
    }
  }
}
