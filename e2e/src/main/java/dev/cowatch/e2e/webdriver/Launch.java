package dev.cowatch.e2e.webdriver;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/** Waiting for a browser or driver process the tests started. */
final class Launch {
  private Launch() {}

  /** Returns once something accepts connections on the loopback {@code port}; fails if {@code owner} exits first or time runs out. */
  static void awaitListening(int port, Process owner, Duration within, String what) throws IOException {
    long until = System.nanoTime() + within.toNanos();
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        if (s.isConnected()) return;
      } catch (IOException e) {
        if (!owner.isAlive()) throw new IOException(what + " exited with " + owner.exitValue());
        if (System.nanoTime() > until) throw new IOException(what + " not listening on " + port + " after " + within);
        pause(50);
      }
    }
  }

  static void pause(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
