package dev.cowatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * The media load: {@code clients} connections (HTTP/1.1 keep-alive, one platform thread each), each
 * asking for the next range of its {@link RangeMix} and reading the whole answer, until the time is
 * up. Every answer is checked (206, Content-Range, Content-Length, the body's first bytes against the
 * file); the first failure ends that client and makes the measurement an error.
 *
 * <p>Plain blocking socket channels reading into one reused direct buffer per client: the load
 * generator copies each byte once (out of the kernel) and allocates nothing per byte, so on the same
 * cores it costs far less than either server (its CPU share is printed beside the server's).
 */
final class RangeLoad {
  /** A client that has read nothing for this long is stuck: its connection is closed, an error counted. */
  static final Duration STALL = Duration.ofSeconds(10);
  /** Read buffer per client: 1 MiB keeps the number of reads per 4 MiB range small. */
  static final int BUFFER_BYTES = 1 << 20;
  /** Body bytes compared with the file at the range's start: catches wrong offsets cheaply. */
  static final int SAMPLE_BYTES = 16;

  /** Where the file is served: a path with its query (Cowatch's signed URL), on loopback. */
  record Target(String host, int port, String path) {}

  private final long size;
  private final FileChannel expected;
  private final int clients;
  private final Duration stall;

  /** {@code expected} is the served file opened for reading: answers are compared with it. */
  RangeLoad(long size, FileChannel expected, int clients) {
    this(size, expected, clients, STALL);
  }

  /** With another stall limit: tests wait less for a server that stops answering. */
  RangeLoad(long size, FileChannel expected, int clients, Duration stall) {
    if (clients < 1) throw new IllegalArgumentException("at least one client");
    this.size = size;
    this.expected = expected;
    this.clients = clients;
    this.stall = stall;
  }

  /**
   * Runs the load on {@code target} for {@code duration}; client {@code i} draws its ranges from seed
   * {@code seed * 1_000_003 + i}, so two runs with one seed ask for the same ranges in the same order.
   * {@code serverCpuNanos} reads the server's CPU time, or 0 when unknown. Ends within
   * duration + the stall limit ({@link #STALL}) + a few seconds whatever the server does.
   */
  Measurement run(Target target, long seed, Duration duration, LongSupplier serverCpuNanos) throws InterruptedException {
    CountDownLatch connected = new CountDownLatch(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<Client> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long durationNanos = duration.toNanos();
    for (int i = 0; i < clients; i++) {
      Client c = new Client(target, new RangeMix(size, seed * 1_000_003 + i), connected, start, durationNanos);
      all.add(c);
      threads.add(Thread.ofPlatform().name("media-load-" + i).daemon().start(c));
    }
    connected.await(stall.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long clientCpu0 = os.getProcessCpuTime();
    long serverCpu0 = serverCpuNanos.getAsLong();
    long t0 = System.nanoTime();
    for (Client c : all) c.startAt = t0;
    start.countDown();
    watch(all, threads, t0 + durationNanos + stall.toNanos() + Duration.ofSeconds(5).toNanos());
    long clientCpu = os.getProcessCpuTime() - clientCpu0;
    long serverCpu = serverCpuNanos.getAsLong() - serverCpu0;
    return collect(all, t0, clientCpu, serverCpu);
  }

  /** Closes the connection of a client that stalls; gives up on the ones still running at {@code giveUpAt}. */
  private void watch(List<Client> all, List<Thread> threads, long giveUpAt) throws InterruptedException {
    while (threads.stream().anyMatch(Thread::isAlive)) {
      long now = System.nanoTime();
      for (Client c : all) {
        if (!c.finished && (now - c.progressAt > stall.toNanos() || now > giveUpAt)) {
          c.fail("no bytes for " + stall.toMillis() + " ms (stalled)");
        }
      }
      for (Thread t : threads) t.join(Duration.ofMillis(100));
    }
  }

  private static Measurement collect(List<Client> all, long t0, long clientCpu, long serverCpu) {
    long requests = 0;
    long bytes = 0;
    long errors = 0;
    long end = t0;
    String firstError = null;
    double[] firstByte = new double[0];
    for (Client c : all) {
      requests += c.requests;
      bytes += c.bytes;
      end = Math.max(end, c.endAt);
      if (c.error != null) {
        errors++;
        if (firstError == null) firstError = c.error;
      }
      int from = firstByte.length;
      firstByte = Arrays.copyOf(firstByte, from + c.count);
      for (int i = 0; i < c.count; i++) firstByte[from + i] = c.firstByteNanos[i] / 1e6;
    }
    return new Measurement(requests, bytes, (end - t0) / 1e9, firstByte, clientCpu / 1e9, serverCpu / 1e9, errors,
        firstError);
  }

  /** One connection's loop. Fields read by the watcher are volatile; the rest are read after the thread ends. */
  private final class Client implements Runnable {
    private final Target target;
    private final RangeMix mix;
    private final CountDownLatch connected;
    private final CountDownLatch start;
    private final long durationNanos;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ByteBuffer sample = ByteBuffer.allocate(SAMPLE_BYTES);
    private volatile SocketChannel channel;
    private volatile long progressAt = System.nanoTime();
    private volatile boolean finished;
    private volatile String error;
    volatile long startAt;
    long endAt;
    long requests;
    long bytes;
    long[] firstByteNanos = new long[1024];
    int count;

    Client(Target target, RangeMix mix, CountDownLatch connected, CountDownLatch start, long durationNanos) {
      this.target = target;
      this.mix = mix;
      this.connected = connected;
      this.start = start;
      this.durationNanos = durationNanos;
    }

    @Override
    public void run() {
      try {
        try {
          connect();
        } finally {
          connected.countDown();
        }
        start.await();
        progressAt = System.nanoTime();
        long deadline = startAt + durationNanos;
        while (error == null && System.nanoTime() < deadline) one(mix.next());
      } catch (IOException | RuntimeException e) {
        fail(e.toString());
      } catch (InterruptedException e) {
        fail("interrupted");
        Thread.currentThread().interrupt();
      } finally {
        endAt = System.nanoTime();
        closeQuietly();
        finished = true;
      }
    }

    void fail(String why) {
      if (error == null) error = why;
      closeQuietly(); // wakes a read blocked on a stalled server
    }

    private void connect() throws IOException {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress(target.host(), target.port()));
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel = ch;
    }

    private void closeQuietly() {
      SocketChannel ch = channel;
      if (ch == null) return;
      try {
        ch.close();
      } catch (IOException e) {
        // closing is all that was wanted
      }
    }

    private void one(RangeMix.Request r) throws IOException {
      if (channel == null) connect();
      SocketChannel ch = channel;
      ByteBuffer request = ByteBuffer.wrap(("GET " + target.path() + " HTTP/1.1\r\nHost: " + target.host() + ":"
          + target.port() + "\r\nRange: " + r.header() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      while (request.hasRemaining()) ch.write(request);
      buf.clear();
      long firstByteAt = 0;
      int headEnd = -1;
      while (headEnd < 0) {
        if (buf.position() >= HttpHead.MAX_BYTES) throw new IOException("a response head longer than 16 KiB");
        if (read(ch) < 0) throw new IOException("the server closed the connection before answering " + r.header());
        if (firstByteAt == 0) firstByteAt = System.nanoTime();
        headEnd = HttpHead.end(buf, buf.position());
      }
      byte[] headBytes = new byte[headEnd];
      buf.get(0, headBytes);
      HttpHead head = HttpHead.parse(headBytes);
      check(head, r);
      long have = buf.position() - headEnd;
      int sampled = (int) Math.min(SAMPLE_BYTES, r.length());
      while (have < sampled) {
        if (read(ch) < 0) throw new IOException("the server closed the connection inside the body");
        have = buf.position() - headEnd;
      }
      compareSample(buf.slice(headEnd, sampled), r.first());
      if (have > r.length()) throw new IOException("more body than Content-Length for " + r.header());
      while (have < r.length()) {
        buf.clear().limit((int) Math.min(buf.capacity(), r.length() - have));
        int n = read(ch);
        if (n < 0) throw new IOException("the server closed the connection after " + have + " of " + r.length() + " bytes");
        have += n;
      }
      if (count == firstByteNanos.length) firstByteNanos = Arrays.copyOf(firstByteNanos, count * 2);
      firstByteNanos[count++] = firstByteAt - t0;
      bytes += r.length();
      requests++;
      if (head.closes()) {
        ch.close();
        channel = null;
      }
    }

    private int read(SocketChannel ch) throws IOException {
      int n = ch.read(buf);
      if (n > 0) progressAt = System.nanoTime();
      return n;
    }

    private void check(HttpHead head, RangeMix.Request r) throws IOException {
      if (head.status() != 206) throw new IOException("status " + head.status() + " for Range " + r.header());
      String expectedRange = r.contentRange(size);
      if (!expectedRange.equals(head.header("Content-Range"))) {
        throw new IOException("Content-Range " + head.header("Content-Range") + " for Range " + r.header()
            + ", expected " + expectedRange);
      }
      if (head.contentLength() != r.length()) {
        throw new IOException("Content-Length " + head.contentLength() + " for Range " + r.header() + ", expected "
            + r.length());
      }
    }

    private void compareSample(ByteBuffer body, long at) throws IOException {
      sample.clear().limit(body.remaining());
      while (sample.hasRemaining()) {
        if (expected.read(sample, at + sample.position()) < 0) throw new IOException("the file ended before " + at);
      }
      sample.flip();
      if (sample.mismatch(body) >= 0) throw new IOException("wrong bytes at offset " + at);
    }
  }
}
