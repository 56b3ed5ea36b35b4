package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A burst of writers on the embedded store, from virtual threads as the server's requests and
 * sockets are: every write gets its turn, in seconds. Before the store queued them itself, a writer
 * waiting for SQLite's lock waited inside native code, holding one of the few carrier threads (two
 * on a 2-core machine); with every carrier held so, the virtual thread that had the lock could not
 * run to commit it, and everything stood still until the waiters gave up one by one after the busy
 * timeout. This test then ran for more than ten minutes (the deadline below fails it), and the soak
 * lost 1,300 of 3,000 joins and hundreds of heartbeats.
 */
class EmbeddedBurstTest {
  /**
   * Far more than the carriers (two), and few enough that the last in the queue gets its turn well inside the
   * store's busy timeout (3 s) also when the machine is busy: a writer waits for the others' one write each, and
   * under a full load beside this test a write took about 7 ms (400 writers: 2.8 s, and one run refused a write).
   */
  private static final int WRITERS = 200;
  private static final int WRITES_EACH = 10;

  /**
   * A commit that takes a millisecond, as one does on a disk busy with other work (an fsync measured
   * 0.4 ms on an idle disk here).
   */
  private static void slowDisk() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void a_burst_of_writers_all_get_their_turn() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-burst");
    try (Database db = Database.open(DatabaseConfig.embedded(dir));
        ExecutorService crowd = Executors.newVirtualThreadPerTaskExecutor()) {
      db.jdbi().useHandle(h -> h.execute("CREATE TABLE burst (writer INTEGER, n INTEGER, note TEXT)"));
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(crowd.submit(() -> {
          for (int n = 0; n < WRITES_EACH; n++) {
            int i = n;
            try {
              if (i % 2 == 0) {
                // A transaction that reads, then writes: the shape of most of the server's writes.
                db.jdbi().useTransaction(h -> {
                  int before = h.createQuery("SELECT COUNT(*) FROM burst WHERE writer = :w").bind("w", writer)
                      .mapTo(Integer.class).one();
                  h.execute("INSERT INTO burst VALUES (?, ?, ?)", writer, i, "seen " + before);
                  slowDisk();
                });
              } else {
                db.jdbi().useHandle(h -> h.execute("INSERT INTO burst VALUES (?, ?, 'plain')", writer, i));
              }
            } catch (RuntimeException e) {
              failures.add(e);
            }
          }
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (Future<?> f : writers) f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(failures).as("writes refused under the burst").isEmpty();
      int rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM burst").mapTo(Integer.class).one());
      assertThat(rows).isEqualTo(WRITERS * WRITES_EACH);
    }
  }
}
