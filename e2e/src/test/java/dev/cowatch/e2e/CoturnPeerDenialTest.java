package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reference coturn configuration (deploy/coturn/turnserver.conf) keeps the relay from being a way
 * into the operator's network: Debian's real coturn, started with that very file, refuses a member holding
 * a valid Cowatch TURN credential permission to reach private, loopback, link-local and carrier-grade-NAT
 * peers (403 Forbidden IP) and grants it for a public peer. The same coturn with those lines taken out
 * grants the private one, so the denial is the file's doing. ({@code scripts/install-tools.sh
 * turnserver:coturn}, run by the e2e build, installs coturn.)
 */
class CoturnPeerDenialTest {
  static final Path REFERENCE = Path.of("..", "deploy", "coturn", "turnserver.conf");
  private static final String SECRET = "test-secret-0123456789";

  @Test
  void theReferenceConfig_refusesPrivateLoopbackAndLinkLocalPeers_andPermitsAPublicOne() throws Exception {
    try (Relay relay = Relay.start(referenceConfig(true));
        TurnClient member = new TurnClient("127.0.0.1", relay.port, SECRET, "u-member")) {
      TurnClient.Answer allocated = member.allocate();
      assertThat(allocated.code()).as("a valid Cowatch credential gets an allocation: %s", allocated.reason()).isEqualTo(200);
      for (String peer : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
          "0.0.0.1", "224.0.0.1")) {
        TurnClient.Answer a = member.createPermission(peer);
        assertThat(a.code()).as("permission for %s", peer).isEqualTo(403);
        assertThat(a.reason()).as("reason for %s", peer).containsIgnoringCase("forbidden");
      }
      // Permission does not send anything: a public address only shows what is allowed.
      assertThat(member.createPermission("8.8.8.8").code()).isEqualTo(200);
    }
  }

  @Test
  void withoutTheDenials_theSameRelayLetsAMemberReachAPrivateAddress() throws Exception {
    try (Relay relay = Relay.start(referenceConfig(false));
        TurnClient member = new TurnClient("127.0.0.1", relay.port, SECRET, "u-member")) {
      assertThat(member.allocate().code()).isEqualTo(200);
      assertThat(member.createPermission("10.1.2.3").code()).as("the operator's network, open").isEqualTo(200);
      assertThat(member.createPermission("192.168.1.1").code()).isEqualTo(200);
    }
  }

  /** The reference file, with a test secret, and (when {@code denials} is false) its denied-peer-ip lines left out. */
  private static List<String> referenceConfig(boolean denials) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(REFERENCE)) {
      if (line.startsWith("static-auth-secret=")) line = "static-auth-secret=" + SECRET;
      if (line.startsWith("listening-port=") || line.startsWith("tls-listening-port=")) continue;
      if (!denials && (line.startsWith("denied-peer-ip=") || line.equals("no-multicast-peers"))) continue;
      out.add(line);
    }
    assertThat(out.stream().anyMatch(l -> l.startsWith("denied-peer-ip=10.0.0.0"))).isEqualTo(denials);
    return out;
  }

  /** coturn on 127.0.0.1 and a free port, with the given configuration lines (plus where to listen and log). */
  private static final class Relay implements AutoCloseable {
    final int port;
    private final Process process;
    private final Path dir;

    private Relay(int port, Process process, Path dir) {
      this.port = port;
      this.process = process;
      this.dir = dir;
    }

    static Relay start(List<String> config) throws IOException, InterruptedException {
      Path binary = Path.of("/usr/bin/turnserver");
      assertThat(Files.isExecutable(binary)).as("coturn: scripts/install-tools.sh turnserver").isTrue();
      int port;
      try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      Path dir = Files.createTempDirectory("cowatch-coturn");
      List<String> lines = new ArrayList<>(config);
      lines.addAll(List.of("listening-ip=127.0.0.1", "relay-ip=127.0.0.1", "listening-port=" + port, "no-tls", "no-dtls",
          "min-port=49401", "max-port=49600", "userdb=" + dir.resolve("turn.db"), "pidfile=" + dir.resolve("turn.pid"),
          "log-file=stdout", "simple-log"));
      Path conf = Files.write(dir.resolve("turnserver.conf"), lines);
      Path log = dir.resolve("turn.log");
      Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      Relay relay = new Relay(port, p, dir);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.readString(log).contains("Total General servers")) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          relay.close();
          throw new IOException("turnserver did not start: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
      return relay;
    }

    @Override
    public void close() throws IOException {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    }
  }
}
