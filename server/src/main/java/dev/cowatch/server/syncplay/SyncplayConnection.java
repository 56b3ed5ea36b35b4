package dev.cowatch.server.syncplay;

import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Syncplay client's TCP connection: a virtual thread reads lines (each at most {@code maxLineBytes},
 * strict UTF-8), and one loop thread runs its {@link SyncplaySession} on everything that happens — lines,
 * the room's broadcasts, the one-second tick — in order, writing the answers. A broadcast never waits:
 * when the loop is that far behind (a client that does not read), the connection is closed.
 */
final class SyncplayConnection implements RoomBus.Listener, SyncplaySession.Output {
  private static final Logger log = LoggerFactory.getLogger(SyncplayConnection.class);
  /** Events waiting for the loop; a client this far behind is not reading and is dropped. */
  static final int QUEUE_CAPACITY = 512;
  /** How long an ended connection waits for the client to close its side before the socket is closed. */
  static final long LINGER_MS = 2_000;
  private static final Object TICK = new Object();
  private static final Object CLOSED = new Object();
  /** The reader is done (end of stream, an error, or a line refused): the loop closes after what is queued. */
  private static final Object CLOSED_BY_CLIENT = new Object();

  private record Line(String text) {}

  /** The reader found a line it cannot take: the session ends with this reason. */
  private record Refuse(String why) {}

  private final Socket socket;
  private final int maxLineBytes;
  private final java.util.function.Consumer<SyncplayConnection> onClosed;
  private final BlockingQueue<Object> events = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final OutputStream output;
  private SyncplaySession session;

  SyncplayConnection(Socket socket, int maxLineBytes, java.util.function.Consumer<SyncplayConnection> onClosed)
      throws IOException {
    this.socket = socket;
    this.maxLineBytes = maxLineBytes;
    this.onClosed = onClosed;
    this.output = socket.getOutputStream();
  }

  /** Starts the reader and the loop; {@code sessionFor} makes the session that writes through this connection. */
  void start(Function<SyncplayConnection, SyncplaySession> sessionFor) {
    session = sessionFor.apply(this);
    Thread.ofVirtual().name("syncplay-loop").start(this::loop);
    Thread.ofVirtual().name("syncplay-reader").start(this::read);
  }

  String address() {
    return socket.getInetAddress().getHostAddress();
  }

  @Override
  public void deliver(Broadcast broadcast) {
    offer(broadcast);
  }

  /** The module's one-second timer. */
  void tick() {
    offer(TICK);
  }

  boolean silentSince(long nowMs, long helloTimeoutMs) {
    SyncplaySession s = session;
    return s != null && s.silentSince(nowMs, helloTimeoutMs);
  }

  private void offer(Object event) {
    if (closed.get()) return;
    if (!events.offer(event)) {
      log.info("syncplay client {} cannot keep up: closing", address());
      close();
    }
  }

  private void loop() {
    try {
      while (true) {
        // Wakes for what the session has due (an anchored play's start) as well as for events.
        long wait = Math.min(30_000, session.dueInMs());
        Object e = events.poll(wait, TimeUnit.MILLISECONDS);
        if (e == CLOSED) break;
        try {
          session.due();
          if (e == null) {
            output.flush();
            continue;
          }
          if (e instanceof Line l) session.line(l.text());
          else if (e instanceof Refuse r) session.end(r.why());
          else if (e instanceof Broadcast b) session.broadcast(b);
          else if (e == TICK) session.tick();
          else if (e == CLOSED_BY_CLIENT) close();
          output.flush();
        } catch (IOException io) {
          close();
        } catch (RuntimeException failure) {
          log.error("syncplay session failed; closing it", failure);
          session.end("internal error");
          close();
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } finally {
      session.leave();
      onClosed.accept(this);
    }
  }

  private void read() {
    var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = socket.getInputStream()) {
      byte[] buffer = new byte[8192];
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean refused = false;
      int n;
      while ((n = in.read(buffer)) > 0) {
        // Once the connection ends, what the client still sends is read and dropped: closing a socket with
        // unread bytes resets it, and the reset would take the Error line that says why with it.
        if (refused || closed.get()) continue;
        int start = 0;
        for (int i = 0; i < n && !refused; i++) {
          if (buffer[i] != '\n') continue;
          line.write(buffer, start, i - start);
          start = i + 1;
          refused = !lineDone(line, utf8);
        }
        if (refused) continue;
        line.write(buffer, start, n - start);
        if (line.size() > maxLineBytes) {
          refuse("a line longer than " + maxLineBytes + " bytes");
          refused = true;
        }
      }
      // End of stream: the client closed.
      offer(CLOSED_BY_CLIENT);
    } catch (IOException e) {
      // The client went away (or the socket was closed); the loop lets its member go.
      offer(CLOSED_BY_CLIENT);
    } finally {
      closeSocket();
    }
  }

  /** Hands a whole line to the loop; false when the connection must end. */
  private boolean lineDone(ByteArrayOutputStream line, java.nio.charset.CharsetDecoder utf8) {
    if (line.size() > maxLineBytes) {
      refuse("a line longer than " + maxLineBytes + " bytes");
      return false;
    }
    String text;
    try {
      text = utf8.decode(ByteBuffer.wrap(line.toByteArray())).toString().strip();
    } catch (CharacterCodingException e) {
      refuse("a line that is not UTF-8");
      return false;
    }
    line.reset();
    offer(new Line(text));
    return !closed.get();
  }

  /** Ends the connection with a reason, through the loop so it is written in order. */
  private void refuse(String why) {
    offer(new Refuse(why));
  }

  /** Writes one line; called by the session on the loop thread. */
  @Override
  public void send(String line) {
    if (closed.get()) return;
    try {
      output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      close();
    }
  }

  @Override
  public void close(String why) {
    close();
  }

  /**
   * Ends the connection: our side of the socket is shut (what was written, an Error saying why, goes out
   * first), the loop stops, and the socket closes when the client has closed its side too, or after
   * {@link #LINGER_MS}. Idempotent.
   */
  void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      socket.shutdownOutput();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    events.clear();
    events.offer(CLOSED);
    Thread.ofVirtual().name("syncplay-linger").start(() -> {
      try {
        Thread.sleep(LINGER_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closeSocket();
    });
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already gone.
    }
  }
}
