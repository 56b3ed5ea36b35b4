package dev.cowatch.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn ({@code turnserver}), started for one test or benchmark on an address of this machine
 * (a namespace's {@link NetNamespace#hostAddress}) and a free UDP port, with a fresh static-auth-secret:
 * the relay browsers use when they cannot reach each other directly. {@code scripts/install-tools.sh
 * turnserver:coturn} installs it; without it this fails and says so.
 */
public final class Coturn implements AutoCloseable {
  private final Process process;
  private final String address;
  private final int port;
  private final String secret;
  private final Path log;

  private Coturn(String address, int port, String secret, Path log, Process process) {
    this.address = address;
    this.port = port;
    this.secret = secret;
    this.log = log;
    this.process = process;
  }

  public static Coturn start(String address) throws IOException {
    Path binary = Path.of("/usr/bin/turnserver");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("no coturn at " + binary + ": run scripts/install-tools.sh turnserver:coturn");
    }
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(address))) {
      port = probe.getLocalPort();
    }
    byte[] raw = new byte[16];
    new SecureRandom().nextBytes(raw);
    String secret = HexFormat.of().formatHex(raw);
    Path log = Files.createTempFile("cowatch-coturn", ".log");
    Process p = new ProcessBuilder(List.of(binary.toString(), "-n", "--no-cli", "--no-tls", "--no-dtls",
        "--listening-ip=" + address, "--relay-ip=" + address, "--listening-port=" + port,
        "--min-port=49160", "--max-port=49400", "--use-auth-secret", "--static-auth-secret=" + secret,
        "--realm=cowatch.test", "--fingerprint", "--allow-loopback-peers", "--no-stun-backward-compatibility",
        "--userdb=" + log.resolveSibling(log.getFileName() + ".db"), "--log-file=stdout", "--simple-log"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Coturn c = new Coturn(address, port, secret, log, p);
    c.awaitListening();
    return c;
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IOException("turnserver ended at once: " + Files.readString(log));
      String text = Files.readString(log);
      if (text.contains("Total General servers")) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("turnserver did not start listening within 10 s: " + Files.readString(log));
  }

  /** The URL for {@code --ice-servers}. */
  public String url() {
    return "turn:" + address + ":" + port + "?transport=udp";
  }

  public String secret() {
    return secret;
  }

  public String logText() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
      Files.deleteIfExists(log);
      Files.deleteIfExists(log.resolveSibling(log.getFileName() + ".db"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (IOException ignored) {
      // a temporary file
    }
  }
}
