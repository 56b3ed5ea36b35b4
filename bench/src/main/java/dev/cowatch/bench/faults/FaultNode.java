package dev.cowatch.bench.faults;

import dev.cowatch.bench.ServerProcess;
import dev.cowatch.bench.load.CowatchServerProcess;
import dev.cowatch.e2e.NetNamespace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Cowatch node of a fault run: its own JVM in a network namespace of its own (so its paths to Redis and
 * PostgreSQL can be cut alone), on the same port each time it is started again, with a wall clock the run can step
 * (libfaketime, read from a file the node's clock calls look at every second; the monotonic clock is left alone, as
 * an NTP step leaves it).
 */
final class FaultNode implements AutoCloseable {
  static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  private final String name;
  private final NetNamespace namespace;
  private final Path dir;
  private final int port;
  private final List<String> options;
  private final Map<String, String> env;
  private final List<String> jvmOptions;
  private final Path clockFile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private ServerProcess process;
  private int starts;

  private FaultNode(String name, NetNamespace namespace, Path dir, int port, List<String> options,
      Map<String, String> env, List<String> jvmOptions) {
    this.jvmOptions = jvmOptions;
    this.name = name;
    this.namespace = namespace;
    this.dir = dir;
    this.port = port;
    this.options = options;
    this.env = env;
    this.clockFile = dir.resolve("faketime");
  }

  /** A node in a new namespace, started and answering. */
  static FaultNode start(String name, Path dir, int port, List<String> options, Map<String, String> env,
      List<String> jvmOptions) throws IOException, InterruptedException {
    if (!Files.exists(FAKETIME)) throw new IOException("libfaketime is missing (" + FAKETIME + "; Debian's faketime)");
    NetNamespace ns = NetNamespace.create();
    FaultNode node = new FaultNode(name, ns, dir, port, options, env, jvmOptions);
    try {
      node.resolveLocally();
      Files.createDirectories(dir);
      node.stepClock(0);
      node.launch();
      return node;
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  String name() {
    return name;
  }

  /**
   * Name lookups inside the namespace answered at once: the machine's name server is not reachable from it, and the JVM
   * looks up the machine's own name (seen: a node took 90 s to start, every lookup waiting out its timeout).
   * {@code ip netns exec} puts these files in place of /etc/hosts and /etc/resolv.conf for the namespace.
   */
  private void resolveLocally() throws IOException {
    Path etc = Path.of("/etc/netns", namespace.name());
    Files.createDirectories(etc);
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(etc.resolve("hosts"), Files.readString(Path.of("/etc/hosts")) + "\n127.0.1.1 " + host + "\n");
    Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
  }

  /** Where nginx and the run reach the node. */
  String host() {
    return namespace.namespaceAddress();
  }

  int port() {
    return port;
  }

  URI base() {
    return URI.create("http://" + host() + ":" + port);
  }

  /** Starts the node again after {@link #kill}, on the same port, and waits until it answers. */
  void restart() throws IOException, InterruptedException {
    if (process != null && process.alive()) throw new IllegalStateException(name + " is running");
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "--enable-native-access=ALL-UNNAMED"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cowatch.server.cli.Main",
        "--host", host(), "--port", String.valueOf(port), "--data-dir", dir.resolve("data").toString()));
    command.addAll(CowatchServerProcess.LOOPBACK_CROWD);
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(namespace.inside(command)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    builder.environment().putAll(env);
    preloadFaketime(builder.environment());
    process = new ServerProcess(name + "-" + (++starts), builder.start());
    awaitHealthy();
  }

  private void preloadFaketime(Map<String, String> environment) {
    environment.put("LD_PRELOAD", FAKETIME.toString());
    environment.put("FAKETIME_TIMESTAMP_FILE", clockFile.toString());
    environment.put("FAKETIME_CACHE_DURATION", "1");
    environment.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    // Without it libfaketime's fix of monotonic waits made the JVM spin: a node took 13 s to start instead of 2, used
    // 170 % of the two cores while others used 5 %, and answered a sign-up in 0.4-1.8 s instead of 0.1. With it
    // (measured): a wall-clock read costs 0.47 µs instead of 25 ns, the monotonic clock nothing, an idle node 0.7 % of a
    // core, a sign-up 0.1 s.
    environment.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
  }

  /** Whether the node answers its health endpoint now. */
  boolean healthy() {
    try {
      HttpRequest health = HttpRequest.newBuilder(base().resolve("/api/health")).timeout(Duration.ofSeconds(2)).build();
      return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    long until = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < until) {
      if (!process.alive()) {
        throw new IOException(name + " exited with " + process.process().exitValue() + "; its log: "
            + dir.resolve("server.log"));
      }
      if (healthy()) return;
      Thread.sleep(100);
    }
    throw new IOException(name + " did not answer within " + READY_WITHIN + "; its log: " + dir.resolve("server.log"));
  }

  /**
   * The node's threads as they are now, virtual ones too ({@code jcmd Thread.dump_to_file}: Thread.print leaves out
   * the virtual threads that serve requests), into {@code file}; nothing if it is not running.
   */
  void threads(Path file) {
    if (process == null || !process.alive()) return;
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(process.pid()), "Thread.dump_to_file", "-overwrite", file.toAbsolutePath().toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (IOException e) {
      System.err.println("faults: no thread dump of " + name + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL, as a machine that dies. */
  void kill() throws InterruptedException {
    process.process().destroyForcibly().waitFor();
  }

  /** SIGSTOP: the process is frozen whole, its sockets open, as in a long pause of the machine or the JVM. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause}. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String which) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + which, String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) throw new IOException("kill -" + which + " " + process.pid() + " failed");
  }

  /** The node's wall clock moved by {@code seconds} from the true time (0: back to it), within a second. */
  void stepClock(long seconds) throws IOException {
    Path next = dir.resolve("faketime.next");
    Files.writeString(next, (seconds >= 0 ? "+" : "") + seconds + "s\n");
    Files.move(next, clockFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Everything the node sends to {@code address} vanishes, and nothing comes back: a cut path. */
  void cut(String address) throws IOException {
    namespace.block(address);
  }

  void heal(String address) throws IOException {
    namespace.unblock(address);
  }

  @Override
  public void close() {
    if (process != null) {
      try {
        if (process.alive()) resume();
      } catch (IOException | InterruptedException ignored) {
        // stopped below anyway
      }
      process.close();
    }
    namespace.close();
    Path etc = Path.of("/etc/netns", namespace.name());
    for (String f : List.of("hosts", "resolv.conf")) etc.resolve(f).toFile().delete();
    etc.toFile().delete();
  }
}
