package dev.cowatch.bench.syncplay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * All connections of one run on one selector thread: connecting (a few at a time), logging in,
 * cutting lines, answering every State, and telling {@link Events} what arrived. One thread for a
 * thousand members, because the machine is small and the server under test shares it. Other threads
 * talk to it only through {@link #execute}; everything else runs on the loop thread.
 */
final class SyncplayLoop implements AutoCloseable {
  /** What the loop reports, on its own thread, in the order it happened. */
  interface Events {
    /** The server answered the member's Hello: it is in the room. */
    void loggedIn(SyncplayConnection member);

    /** A State reached the member at {@code nanos} (System.nanoTime), before the member answers it. */
    void state(SyncplayConnection member, ServerState state, long nanos);

    /** A Set, List or Chat reached a member: the room is not quiet yet (someone joined, left, ...). */
    void roomNews(long nanos);

    /** The member's connection ended, and why. */
    void closed(SyncplayConnection member, String why);
  }

  /**
   * Members connecting and not yet logged in. Syncplay listens with Twisted's backlog of 50; opening
   * a thousand connections at once would overflow it and cost the stragglers SYN retries of a second.
   */
  static final int MAX_JOINING = 25;

  private final InetSocketAddress server;
  private final InetAddress source;
  private final Events events;
  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<SyncplayConnection> waiting = new ArrayDeque<>();
  private final List<SyncplayConnection> members = new ArrayList<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
  /**
   * Members with answers queued during this round of the selector. Answers are written after every
   * ready socket was read, so that the time a State arrived is not pushed back by writing the answers
   * of the members read before (a thousand writes take milliseconds).
   */
  private final List<SyncplayConnection> answering = new ArrayList<>();
  /** Ping timestamps are epoch seconds, as Syncplay's client sends; nanoTime keeps them fine and monotonic. */
  private final double epochSecondsAtStart = System.currentTimeMillis() / 1000.0;
  private final long nanosAtStart = System.nanoTime();
  private int joining;
  private volatile boolean running = true;

  /** A loop connecting to {@code server} (loopback only) from {@code source} (a loopback address). */
  SyncplayLoop(InetSocketAddress server, InetAddress source, Events events) throws IOException {
    if (!server.getAddress().isLoopbackAddress() || !source.isLoopbackAddress()) {
      throw new IllegalArgumentException("loopback only: " + server + " from " + source);
    }
    this.server = server;
    this.source = source;
    this.events = events;
    this.selector = Selector.open();
    this.thread = Thread.ofPlatform().name("syncplay-loop").daemon().unstarted(this::run);
    thread.start();
  }

  /** Runs {@code task} on the loop thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** Queues {@code member} to connect and log in; on the loop thread. */
  void join(SyncplayConnection member) {
    members.add(member);
    waiting.add(member);
  }

  /** Seconds on the clock the ping fields carry. */
  double now() {
    return epochSecondsAtStart + (System.nanoTime() - nanosAtStart) / 1e9;
  }

  /** Sends {@code member}'s own change (pause, play, seek to {@code to}); on the loop thread. */
  void change(SyncplayConnection member, double to, boolean pause, boolean seek) {
    try {
      member.send(member.protocol().change(to, pause, seek, now()));
    } catch (IOException e) {
      drop(member, "sending failed: " + e.getMessage());
    }
  }

  private void run() {
    try {
      while (running) {
        selector.select(100);
        Runnable task;
        while ((task = tasks.poll()) != null) task.run();
        for (SelectionKey key : selector.selectedKeys()) {
          SyncplayConnection member = (SyncplayConnection) key.attachment();
          try {
            if (!key.isValid()) continue;
            if (key.isConnectable()) connected(member);
            if (key.isValid() && key.isWritable()) member.drain();
            if (key.isValid() && key.isReadable()) read(member);
          } catch (IOException | RuntimeException e) {
            drop(member, String.valueOf(e.getMessage()));
          }
        }
        selector.selectedKeys().clear();
        writeAnswers();
        startConnecting();
      }
    } catch (IOException e) {
      for (SyncplayConnection m : members) drop(m, "the loop failed: " + e.getMessage());
    } finally {
      for (SyncplayConnection m : members) m.close();
      try {
        selector.close();
      } catch (IOException ignored) {
        // The run is over either way.
      }
    }
  }

  private void writeAnswers() {
    for (SyncplayConnection member : answering) {
      try {
        member.drain();
      } catch (IOException e) {
        drop(member, "sending failed: " + e.getMessage());
      }
    }
    answering.clear();
  }

  private void startConnecting() {
    while (joining < MAX_JOINING && !waiting.isEmpty()) {
      SyncplayConnection member = waiting.poll();
      SocketChannel channel = null;
      try {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        // Answers and actions leave at once, as small writes of an interactive client should.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.bind(new InetSocketAddress(source, 0));
        member.attach(channel, channel.register(selector, SelectionKey.OP_CONNECT, member));
        joining++;
        if (channel.connect(server)) connected(member);
      } catch (IOException e) {
        if (member.channel() == null && channel != null) closeQuietly(channel);
        drop(member, "connecting failed: " + e.getMessage());
      }
    }
  }

  private void connected(SyncplayConnection member) throws IOException {
    if (!member.channel().finishConnect()) return;
    member.key().interestOps(SelectionKey.OP_READ);
    member.send(SyncplayMessages.hello(member.requestedName(), member.room()));
  }

  private void read(SyncplayConnection member) throws IOException {
    while (true) {
      readBuffer.clear();
      int n = member.channel().read(readBuffer);
      if (n < 0) {
        drop(member, "the server closed the connection");
        return;
      }
      if (n == 0) return;
      long nanos = System.nanoTime();
      member.framer().feed(readBuffer.array(), 0, n, (bytes, offset, length) -> line(member, bytes, offset, length, nanos));
      if (member.closed() || n < readBuffer.capacity()) return;
    }
  }

  private void line(SyncplayConnection member, byte[] bytes, int offset, int length, long nanos) throws IOException {
    if (member.closed()) return;
    String command = SyncplayMessages.command(bytes, offset, length);
    if (command == null && length == 0) return;
    switch (command == null ? "" : command) {
      case "Set", "List", "Chat" -> events.roomNews(nanos);
      case "State" -> {
        ServerState state = ServerState.from(Json.object(message(bytes, offset, length).get("State")));
        events.state(member, state, nanos);
        if (member.queue(member.protocol().answer(state, now()))) answering.add(member);
      }
      case "Hello" -> {
        Object name = Json.object(message(bytes, offset, length).get("Hello")).get("username");
        if (!(name instanceof String s)) throw new IOException("a Hello without a username");
        member.loggedInAs(s);
        joining--;
        events.loggedIn(member);
      }
      case "Error" -> {
        Object text = Json.object(message(bytes, offset, length).get("Error")).get("message");
        drop(member, "the server said: " + text);
      }
      default -> throw new IOException("an unknown message: " + new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
  }

  private static Map<String, Object> message(byte[] bytes, int offset, int length) {
    return Json.object(Json.parse(new String(bytes, offset, length, StandardCharsets.UTF_8)));
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // It never connected.
    }
  }

  private void drop(SyncplayConnection member, String why) {
    if (member.closed()) return;
    if (!member.loggedIn() && member.channel() != null) joining--;
    member.close();
    events.closed(member, why);
  }

  /** Closes every connection and stops the thread (within a second or two). */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
