package dev.cowatch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loopback ports for servers the benchmark starts. */
public final class Ports {
  /** How long a started server may take to listen. */
  static final long LISTEN_TIMEOUT_MS = 10_000;

  private Ports() {}

  /** A port free on 127.0.0.1 now (another process could take it before the server binds it: unlikely). */
  public static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits until something accepts on {@code port}; fails, quoting {@code log}, if {@code process} ends first. */
  public static void awaitListening(int port, Process process, Path log) throws IOException, InterruptedException {
    long until = System.currentTimeMillis() + LISTEN_TIMEOUT_MS;
    while (System.currentTimeMillis() < until) {
      if (!process.isAlive()) {
        String said = Files.exists(log) ? Files.readString(log).strip() : "";
        throw new IOException("the server exited with " + process.exitValue() + (said.isEmpty() ? "" : ": " + said));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + LISTEN_TIMEOUT_MS + " ms");
  }
}
