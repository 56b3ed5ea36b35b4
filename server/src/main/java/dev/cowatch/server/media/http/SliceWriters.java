package dev.cowatch.server.media.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write every slice of a stream after its first, one slice per task, in the order the
 * slices became writable: a viewer's seek is answered while others' bulk ranges are still on their way.
 *
 * <p>Why not the request's own (virtual) threads: a slice whose write finishes at once would start the next
 * slice's task on the same carrier, and the virtual-thread scheduler runs a carrier's own queue before it
 * looks at anything submitted from outside, the poller's wake-ups for Jetty's selector among them. Streams
 * then kept both carriers busy while new requests waited unread, up to a second (bench/run media;
 * docs/performance-history.md#issue-28-cpu-per-byte-and-letting-nginx-send-the-bytes). Platform threads here
 * leave the carriers free for reading requests and writing first slices, and the kernel shares the cores
 * between the two.
 */
final class SliceWriters implements Executor, AutoCloseable {
  private final ExecutorService threads;

  SliceWriters(int count) {
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(count, r -> {
      Thread t = new Thread(r, "media-slices-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** One per core: more would only take turns on the same cores. */
  static SliceWriters perCore() {
    return new SliceWriters(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void execute(Runnable slice) {
    threads.execute(slice);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
