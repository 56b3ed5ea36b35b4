package dev.cowatch.bridge;

import dev.cowatch.bridge.discord.Activity;
import dev.cowatch.bridge.discord.RichPresence;
import dev.cowatch.bridge.media.FileFingerprint;
import dev.cowatch.bridge.mpv.MpvLauncher;
import dev.cowatch.bridge.mpv.MpvPlayer;
import dev.cowatch.bridge.vlc.VlcHttp;
import dev.cowatch.bridge.vlc.VlcLauncher;
import dev.cowatch.bridge.vlc.VlcPlayer;
import dev.cowatch.client.ClientClock;
import dev.cowatch.client.peer.PeerConnector;
import dev.cowatch.core.SoundDelay;
import dev.cowatch.protocol.FileMediaId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A running bridge: the desktop player (started by the bridge or attached to), the session in the
 * current room, and Discord Rich Presence. An ACTIVITY_JOIN from Discord moves it to that room.
 */
public final class Bridge implements AutoCloseable {
  /** How the bridge reaches its player. */
  public enum PlayerKind { MPV, VLC }

  /**
   * @param file the viewer's own copy of the video (its name never leaves the machine); null when attaching
   * @param attachMpv the socket of a running mpv ({@code --input-ipc-server}), or null
   * @param attachVlc {@code host:port} of a running VLC's HTTP interface, or null
   * @param playerArgs passed to a player the bridge starts
   * @param discordClientId a Discord application id; null: no Rich Presence
   * @param peers the WebRTC stack for the room's peer mesh (the player stays in step with the others while the
   *     server is away, docs/protocol.md 3.12); null: no mesh
   */
  public record Config(RoomLink link, Path file, String name, String accessToken, PlayerKind kind, String mpvCommand,
      String vlcCommand, Path attachMpv, String attachVlc, String vlcPassword, List<String> playerArgs,
      String discordClientId, List<Path> discordSockets, Duration discordRetry, PeerConnector peers) {}

  private final Config config;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
  private final ClientClock clock = ClientClock.system();
  private final Consumer<String> say;
  private final CountDownLatch playerGone = new CountDownLatch(1);
  private final AtomicReference<BridgeSession> session = new AtomicReference<>();
  private final Path workDir;
  private PlayerProcess process;
  private volatile int soundDelayMs;
  private DesktopPlayer player;
  private Optional<FileMediaId> localFile = Optional.empty();
  private RichPresence discord;
  private Path mpvSocket;
  private VlcHttp vlcHttp;
  /** The access token per server: the configured one for its room's server, guest sessions made by the bridge otherwise. */
  private final java.util.Map<java.net.URI, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  private Bridge(Config config, Consumer<String> say) throws IOException {
    this.config = config;
    this.say = say;
    this.workDir = Files.createTempDirectory("cowatch-bridge");
    if (config.accessToken() != null) tokens.put(config.link().server(), config.accessToken());
  }

  /**
   * The token the bridge speaks as on {@code link}'s server. Without one it is a guest session of its own, as the
   * web app makes: a guest that may ask for the room's uploaded video (its URL, its file identity).
   */
  private String tokenFor(RoomLink link) throws IOException {
    String known = tokens.get(link.server());
    if (known != null) return known;
    String guest = new ServerApi(link.server(), null).newGuest(config.name());
    tokens.put(link.server(), guest);
    return guest;
  }

  /** Starts (or attaches to) the player, joins the room, and starts Rich Presence when configured. */
  public static Bridge start(Config config, Consumer<String> say) throws IOException {
    Bridge b = new Bridge(config, say);
    try {
      b.openPlayer();
      b.session.set(b.newSession(config.link()).join());
      b.startDiscord();
      return b;
    } catch (IOException | RuntimeException e) {
      b.close();
      throw e;
    }
  }

  private void openPlayer() throws IOException {
    if (config.file() != null) {
      if (!Files.isRegularFile(config.file())) throw new IOException("no such file: " + config.file());
      localFile = Optional.of(FileFingerprint.of(config.file()));
    }
    if (config.attachMpv() != null) {
      mpvSocket = config.attachMpv();
      player = MpvPlayer.attach(config.attachMpv(), clock, scheduler, playerGone::countDown);
      localFile = localFile.or(this::mpvFile);
      return;
    }
    if (config.attachVlc() != null) {
      String[] hp = config.attachVlc().split(":", 2);
      if (hp.length != 2) throw new IOException("--attach-vlc takes host:port, not " + config.attachVlc());
      VlcHttp http = new VlcHttp(hp[0], parsePort(hp[1]), config.vlcPassword() == null ? "" : config.vlcPassword());
      if (!http.answers()) throw new IOException("no VLC HTTP interface answers at " + config.attachVlc());
      vlcHttp = http;
      player = new VlcPlayer(http, clock, scheduler, Double.NaN);
      watchVlc(http);
      return;
    }
    // Without a file of their own, the viewer watches the room's URL (the same video by definition).
    String media = config.file() != null ? config.file().toAbsolutePath().toString()
        : RoomMedia.playableUrl(config.link(), new ServerApi(config.link().server(), tokenFor(config.link())));
    if (config.kind() == PlayerKind.MPV) {
      Path socket = workDir.resolve("mpv.sock");
      mpvSocket = socket;
      process = MpvLauncher.start(config.mpvCommand(), media, socket, workDir.resolve("mpv.log"), config.playerArgs());
      player = MpvPlayer.attach(socket, clock, scheduler, playerGone::countDown);
    } else {
      VlcLauncher.Started vlc = VlcLauncher.start(config.vlcCommand(), media, workDir, config.playerArgs());
      process = vlc.process();
      vlcHttp = vlc.http();
      double length = config.file() == null ? Double.NaN : MediaLength.ofFile(config.file()).orElse(Double.NaN);
      player = new VlcPlayer(vlc.http(), clock, scheduler, length);
      watchVlc(vlc.http());
    }
  }

  /** VLC says nothing when it quits: its HTTP interface stops answering. */
  private void watchVlc(VlcHttp http) {
    scheduler.scheduleWithFixedDelay(() -> {
      if ((process != null && !process.isAlive()) || (process == null && !http.answers())) playerGone.countDown();
    }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  private Optional<FileMediaId> mpvFile() {
    try {
      String path = ((MpvPlayer) player).ipc().call("get_property", "path").asText("");
      Path p = Path.of(path);
      return Files.isRegularFile(p) ? Optional.of(FileFingerprint.of(p)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int parsePort(String s) throws IOException {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) throw new NumberFormatException();
      return p;
    } catch (NumberFormatException e) {
      throw new IOException("not a port: " + s);
    }
  }

  private BridgeSession newSession(RoomLink link) throws IOException {
    BridgeSession s = new BridgeSession(link, config.name(), tokenFor(link), player, localFile, say, this::showOnDiscord,
        scheduler, config.peers());
    s.sync().soundDelayMs(soundDelayMs);
    return s;
  }

  /**
   * How much later the viewer hears the film than the player shows it (core's SoundDelay), for this room
   * and any the bridge moves to: the player then runs that far ahead of the room, so the sound lands with
   * everyone else's. Returns the delay kept (within SoundDelay's bounds).
   */
  public int soundDelayMs(double requestedMs) {
    soundDelayMs = SoundDelay.bounded(requestedMs);
    BridgeSession current = session.get();
    if (current != null) current.sync().soundDelayMs(soundDelayMs);
    return soundDelayMs;
  }

  public int soundDelayMs() {
    return soundDelayMs;
  }

  private void showOnDiscord(Activity a) {
    RichPresence d = discord;
    if (d != null) d.update(a);
  }

  private void startDiscord() {
    if (config.discordClientId() == null) return;
    discord = new RichPresence(config.discordClientId(), config.discordSockets(), this::joinFromDiscord, config.discordRetry()).start();
  }

  /** A friend's "Ask to Join" was accepted (or "Join" clicked): the secret is the room's link. */
  void joinFromDiscord(String secret) {
    RoomLink link;
    try {
      link = RoomLink.parse(secret);
    } catch (IllegalArgumentException e) {
      say.accept("Discord sent a join that is not a Cowatch room link; ignored.");
      return;
    }
    BridgeSession current = session.get();
    if (current != null && current.link().equals(link)) return;
    say.accept("Joining " + link + " from Discord...");
    try {
      BridgeSession next = newSession(link).join();
      BridgeSession old = session.getAndSet(next);
      if (old != null) old.close();
    } catch (IOException e) {
      say.accept(e.getMessage());
    }
  }

  public BridgeSession session() {
    return session.get();
  }

  public DesktopPlayer player() {
    return player;
  }

  public Optional<FileMediaId> localFile() {
    return localFile;
  }

  /** The socket of the mpv driven (null for VLC): another client of it acts as the viewer's keys in tests. */
  public Path mpvSocket() {
    return mpvSocket;
  }

  /** VLC's HTTP interface (null for mpv). */
  public VlcHttp vlcHttp() {
    return vlcHttp;
  }

  public RichPresence discord() {
    return discord;
  }

  /** Waits until the viewer closes the player. */
  public void awaitPlayerClosed() throws InterruptedException {
    playerGone.await();
  }

  @Override
  public void close() {
    BridgeSession s = session.getAndSet(null);
    if (s != null) s.close();
    if (discord != null) discord.close();
    if (player != null) player.close();
    if (process != null) process.close();
    scheduler.shutdownNow();
    deleteWorkDir();
  }

  /** The player's socket, log and home go with the bridge (best effort: a file still held stays). */
  private void deleteWorkDir() {
    try (var files = Files.walk(workDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind in the temporary directory
        }
      });
    } catch (IOException e) {
      // nothing to delete
    }
  }
}
