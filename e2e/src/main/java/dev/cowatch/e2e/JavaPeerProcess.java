package dev.cowatch.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link JavaPeerViewer} run in a network namespace ({@code ip netns exec}) on this JVM's class path:
 * its state lines are read as they come, its commands written to its stdin. Its clock is this
 * machine's, so a state line says where its player is at any later instant ({@link State#positionAt}).
 */
public final class JavaPeerProcess implements AutoCloseable {
  /** One state line of the viewer. */
  public record State(long wallMs, double positionMs, boolean playing, double rate, boolean seeking, long version,
      boolean onPeers, int open, boolean connected, String member, String authority, double errorMs) {
    /** Where the player is at {@code wallMs} (a later instant), playing on at its rate. */
    public double positionAt(double atWallMs) {
      return playing ? positionMs + (atWallMs - wallMs) * rate : positionMs;
    }

    static State parse(String line) {
      Map<String, String> f = new HashMap<>();
      for (String word : line.substring("state ".length()).split(" ")) {
        int eq = word.indexOf('=');
        f.put(word.substring(0, eq), word.substring(eq + 1));
      }
      return new State(Long.parseLong(f.get("wallMs")), Double.parseDouble(f.get("positionMs")),
          Boolean.parseBoolean(f.get("playing")), Double.parseDouble(f.get("rate")), Boolean.parseBoolean(f.get("seeking")),
          Long.parseLong(f.get("version")), Boolean.parseBoolean(f.get("onPeers")), Integer.parseInt(f.get("open")),
          Boolean.parseBoolean(f.get("connected")), f.get("member"), f.get("authority"), Double.parseDouble(f.get("errorMs")));
    }
  }

  private final Process process;
  private final Writer commands;
  private final List<State> states = new ArrayList<>();
  private final List<String> other = new ArrayList<>();
  private final Thread reader;

  private JavaPeerProcess(Process process, PrintStream log) {
    this.process = process;
    this.commands = process.outputWriter(StandardCharsets.UTF_8);
    this.reader = Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("state ")) {
            State s = State.parse(line);
            synchronized (states) {
              states.add(s);
              if (states.size() > 20_000) states.subList(0, 10_000).clear();
            }
          } else {
            log.println("java viewer: " + line);
            synchronized (other) {
              other.add(line);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        log.println("java viewer: output ended: " + e);
      }
    });
  }

  /**
   * Starts the viewer in {@code ns}, joining {@code roomId} on the server at {@code baseUri}, as the account
   * of {@code accessToken} (null: an anonymous guest).
   */
  public static JavaPeerProcess start(NetNamespace ns, String baseUri, String roomId, String name, long seed, String accessToken,
      PrintStream log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of("/usr/sbin/ip", "netns", "exec", ns.name(), java,
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), JavaPeerViewer.class.getName(), baseUri, roomId, name, Long.toString(seed)));
    if (accessToken != null) command.add(accessToken);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    return new JavaPeerProcess(pb.start(), log);
  }

  /** The newest state line (null before the first). */
  public State latest() {
    synchronized (states) {
      return states.isEmpty() ? null : states.getLast();
    }
  }

  /** The state lines printed at or after {@code fromWallMs}. */
  public List<State> since(long fromWallMs) {
    synchronized (states) {
      return states.stream().filter(s -> s.wallMs() >= fromWallMs).toList();
    }
  }

  /** Waits until the newest state passes {@code test}. */
  public State await(String what, Predicate<State> test, long timeoutMs) {
    long until = System.currentTimeMillis() + timeoutMs;
    State last = null;
    while (System.currentTimeMillis() < until) {
      last = latest();
      if (last != null && test.test(last)) return last;
      if (!process.isAlive()) throw new AssertionError("the Java viewer exited (" + process.exitValue() + ") waiting for " + what);
      sleep(20);
    }
    throw new AssertionError("timed out waiting for the Java viewer: " + what + "; last " + last + "; " + trace());
  }

  /** A gesture on its player ({@code play}, {@code pause}, {@code seek 20000}). */
  public void command(String line) {
    try {
      commands.write(line + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Its peer sync's recent trace (asked for and read back; empty when it does not answer in a second). */
  public String trace() {
    int before;
    synchronized (other) {
      before = other.size();
    }
    try {
      command("trace");
    } catch (RuntimeException e) {
      return "(no trace: " + e.getMessage() + ")";
    }
    long until = System.currentTimeMillis() + 1_000;
    while (System.currentTimeMillis() < until) {
      synchronized (other) {
        for (int i = before; i < other.size(); i++) if (other.get(i).startsWith("trace ")) return other.get(i);
      }
      sleep(20);
    }
    return "(no trace)";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      command("quit");
    } catch (RuntimeException e) {
      // already gone
    }
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    reader.interrupt();
  }
}
