package dev.cowatch.bridge.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord Rich Presence over Discord's local IPC socket, spoken directly: HANDSHAKE, then
 * SUBSCRIBE to ACTIVITY_JOIN and SET_ACTIVITY whenever what the profile shows changes; an
 * ACTIVITY_JOIN (a friend's "Ask to Join" accepted, or "Join" clicked) hands its secret, the room's
 * link, to {@code onJoin}. Without Discord nothing happens: the socket is looked for again every
 * {@link #RETRY} and nothing is logged above debug.
 *
 * <p>Threads: one virtual thread connects and reads; {@link #update} from any thread.
 */
public final class RichPresence implements AutoCloseable {
  static final Duration RETRY = Duration.ofSeconds(15);
  private static final Logger log = LoggerFactory.getLogger(RichPresence.class);

  private final String clientId;
  private final List<Path> candidates;
  private final Consumer<String> onJoin;
  private final long pid;
  private final Duration retry;
  private final ObjectMapper json = new ObjectMapper();
  private final ReentrantLock lock = new ReentrantLock();
  private Thread loop;

  // Guarded by lock.
  private SocketChannel channel;
  private boolean ready;
  private boolean closed;
  private Activity wanted;
  private Activity shown;

  public RichPresence(String clientId, List<Path> candidates, Consumer<String> onJoin, Duration retry) {
    this.clientId = clientId;
    this.candidates = List.copyOf(candidates);
    this.onJoin = onJoin;
    this.retry = retry;
    this.pid = ProcessHandle.current().pid();
  }

  /** Where Discord's socket may be (discord-rpc's search order; Flatpak and Snap installs too). */
  public static List<Path> socketCandidates(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    for (String var : List.of("XDG_RUNTIME_DIR", "TMPDIR", "TMP", "TEMP")) {
      String v = env.get(var);
      if (v != null && !v.isBlank()) dirs.add(Path.of(v));
    }
    dirs.add(Path.of("/tmp"));
    List<Path> out = new ArrayList<>();
    for (Path d : dirs.stream().distinct().toList()) {
      for (Path sub : List.of(d, d.resolve("app/com.discordapp.Discord"), d.resolve("snap.discord"))) {
        for (int i = 0; i < 10; i++) out.add(sub.resolve("discord-ipc-" + i));
      }
    }
    return out;
  }

  public RichPresence start() {
    loop = Thread.ofVirtual().name("discord-rpc").start(this::run);
    return this;
  }

  /** What the profile should show now; sent when it differs from what Discord shows. */
  public void update(Activity activity) {
    lock.lock();
    try {
      wanted = activity;
      if (ready && !activity.sameShownAs(shown)) sendActivity(activity);
    } finally {
      lock.unlock();
    }
  }

  /** Connected and handshaken. */
  public boolean isConnected() {
    lock.lock();
    try {
      return ready;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (!isClosed()) {
      Optional<Path> socket = candidates.stream().filter(Files::exists).findFirst();
      if (socket.isPresent()) {
        try {
          session(socket.get());
        } catch (IOException | RuntimeException e) {
          log.debug("Discord IPC at {}: {}", socket.get(), e.getMessage());
        } finally {
          disconnect();
        }
      }
      try {
        Thread.sleep(retry);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void session(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    lock.lock();
    try {
      if (closed) {
        ch.close();
        return;
      }
      channel = ch;
    } finally {
      lock.unlock();
    }
    InputStream in = Channels.newInputStream(ch);
    write(new DiscordFrame(DiscordFrame.HANDSHAKE, json.createObjectNode().put("v", 1).put("client_id", clientId).toString()));
    while (true) {
      DiscordFrame f = DiscordFrame.read(in);
      switch (f.opcode()) {
        case DiscordFrame.PING -> write(new DiscordFrame(DiscordFrame.PONG, f.json()));
        case DiscordFrame.CLOSE -> {
          log.info("Discord closed the presence connection: {}", f.json());
          return;
        }
        case DiscordFrame.FRAME -> onMessage(json.readTree(f.json()));
        default -> { }
      }
    }
  }

  private void onMessage(JsonNode m) throws IOException {
    String cmd = m.path("cmd").asText();
    String evt = m.path("evt").asText();
    if ("DISPATCH".equals(cmd) && "READY".equals(evt)) {
      write(command("SUBSCRIBE", "ACTIVITY_JOIN", json.createObjectNode()));
      lock.lock();
      try {
        ready = true;
        if (wanted != null) sendActivity(wanted);
      } finally {
        lock.unlock();
      }
      log.info("Discord Rich Presence on");
    } else if ("DISPATCH".equals(cmd) && "ACTIVITY_JOIN".equals(evt)) {
      String secret = m.path("data").path("secret").asText("");
      if (!secret.isBlank()) onJoin.accept(secret);
    } else if ("ERROR".equals(evt)) {
      log.warn("Discord refused {}: {}", cmd, m.path("data").path("message").asText());
    }
  }

  /** Under the lock. */
  private void sendActivity(Activity a) {
    try {
      write(command("SET_ACTIVITY", null, a.toArgs(json, pid)));
      shown = a;
    } catch (IOException e) {
      log.debug("Discord IPC write failed: {}", e.getMessage());
    }
  }

  private DiscordFrame command(String cmd, String evt, ObjectNode args) {
    ObjectNode m = json.createObjectNode();
    m.put("cmd", cmd);
    if (evt != null) m.put("evt", evt);
    m.set("args", args);
    m.put("nonce", UUID.randomUUID().toString());
    return new DiscordFrame(DiscordFrame.FRAME, m.toString());
  }

  private void write(DiscordFrame f) throws IOException {
    lock.lock();
    try {
      if (channel == null) throw new IOException("not connected");
      ByteBuffer b = ByteBuffer.wrap(f.encode());
      while (b.hasRemaining()) channel.write(b);
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private void disconnect() {
    lock.lock();
    try {
      ready = false;
      shown = null;
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      channel = null;
    } finally {
      lock.unlock();
    }
  }

  /** Clears the activity (the profile stops showing the room) and disconnects. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (ready) {
        ObjectNode args = json.createObjectNode().put("pid", pid);
        try {
          write(command("SET_ACTIVITY", null, args));
        } catch (IOException ignored) {
          // Discord gone: nothing to clear
        }
      }
    } finally {
      lock.unlock();
    }
    disconnect();
    if (loop != null) loop.interrupt();
  }
}
