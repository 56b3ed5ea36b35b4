package dev.cowatch.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Syncplay client (1.6.9) without its GUI, driving mpv with no video or audio output, as a
 * process of its own: {@code syncplay --no-gui -a host:port -n name -r room --player-path mpv file --
 * --vo=null --ao=null --input-ipc-server=...}. Its console is read line by line (chat arrives there as
 * {@code <name> text}) and typed into ({@code ch text} sends a chat line); the mpv it starts is reached
 * through {@link MpvIpc}. HOME is a directory of its own, so no Syncplay settings of the machine apply.
 */
public final class SyncplayClient implements AutoCloseable {
  /** {@code scripts/install-tools.sh} arguments: the client and the player it drives. */
  public static final List<String> INSTALL_TOOLS_ARGUMENTS = List.of("syncplay", "mpv");
  static final Path SYNCPLAY = Path.of("/usr/bin/syncplay");
  static final Path MPV = Path.of("/usr/bin/mpv");

  /** How the client's debug output starts a line the server sent. */
  public static final String SERVER_SAID = "client/server << ";

  private final Process process;
  private final OutputStream stdin;
  private final List<String> console = new CopyOnWriteArrayList<>();
  private final Path mpvSocket;
  private MpvIpc mpv;

  private SyncplayClient(Process process, Path mpvSocket) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.mpvSocket = mpvSocket;
    Thread.ofVirtual().name("syncplay-console").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null;) console.add(line);
      } catch (IOException ended) {
        // The process is gone.
      }
    });
  }

  /**
   * Starts a client for {@code name} in {@code room} on the Syncplay endpoint at {@code hostPort}, playing
   * {@code video}; returns once it is connected and its mpv has the file open.
   */
  public static SyncplayClient start(String hostPort, String name, String room, Path video, Path workDir)
      throws IOException {
    if (!Files.isExecutable(SYNCPLAY) || !Files.isExecutable(MPV)) {
      throw new IOException("Syncplay's client or mpv is missing: run scripts/install-tools.sh syncplay mpv");
    }
    Path home = Files.createDirectories(workDir.resolve("home-" + name));
    Path socket = workDir.resolve("mpv-" + name + ".sock");
    Files.deleteIfExists(socket);
    List<String> command = new ArrayList<>(List.of(SYNCPLAY.toString(), "--no-gui", "--no-store", "-d", "-a", hostPort,
        "-n", name, "-r", room, "--language", "en", "--player-path", MPV.toString(), video.toString(), "--",
        "--vo=null", "--ao=null", "--input-ipc-server=" + socket));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().put("HOME", home.toString());
    b.environment().remove("DISPLAY");
    SyncplayClient c = new SyncplayClient(b.start(), socket);
    try {
      // The server's answer to the hello, as the client's debug output (-d) shows what it received. Not the
      // "Successfully connected to server" line its console UI prints: in a clean room (2026-11-27) that line, the
      // room's welcome and the chat lines never came out while the client took the hello and went on playing.
      c.awaitConsole(SERVER_SAID + "{\"Hello\"", 20_000);
      c.mpv = c.connectMpv(20_000);
      c.awaitFile(20_000);
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private MpvIpc connectMpv(long timeoutMs) throws IOException {
    long until = System.currentTimeMillis() + timeoutMs;
    while (true) {
      if (Files.exists(mpvSocket)) {
        try {
          return MpvIpc.connect(mpvSocket);
        } catch (IOException notYet) {
          // mpv has made the file but does not listen yet.
        }
      }
      if (System.currentTimeMillis() > until || !process.isAlive()) {
        throw new IOException("mpv's IPC socket did not appear; console: " + tail());
      }
      sleep(100);
    }
  }

  /** Syncplay opens the file once the server has told it the room's playlist: waits for mpv to have it. */
  private void awaitFile(long timeoutMs) throws IOException {
    long until = System.currentTimeMillis() + timeoutMs;
    while (!mpv.hasFile()) {
      if (System.currentTimeMillis() > until) throw new IOException("mpv never opened the file; console: " + tail());
      sleep(100);
    }
  }

  /** The mpv this client drives. */
  public MpvIpc mpv() {
    return mpv;
  }

  /** Types a chat line into Syncplay's console. */
  public void chat(String text) {
    type("ch " + text);
  }

  private void type(String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Syncplay's console is closed; it said: " + tail(), e);
    }
  }

  /** Waits until a console line contains {@code text}; fails with the console's end otherwise. */
  public String awaitConsole(String text, long timeoutMs) {
    long until = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < until) {
      for (String line : console) {
        if (line.contains(text)) return line;
      }
      if (!process.isAlive()) break;
      sleep(50);
    }
    // The whole console into the test's output: its last lines are mostly the client's polling of mpv, and a clean
    // room's run (2026-11-26) failed here with nothing before them to go on.
    System.out.println("Syncplay's whole console:\n" + String.join("\n", console()));
    throw new AssertionError("Syncplay's console never showed '" + text + "'; it ended with:\n" + tail());
  }

  /** The console so far. */
  public List<String> console() {
    return List.copyOf(console);
  }

  /** The last lines of the console, for failure messages. */
  public String tail() {
    List<String> all = console();
    return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends the client and the mpv it started. */
  @Override
  public void close() {
    try {
      if (mpv != null) mpv.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
