package dev.cowatch.bridge;

import dev.cowatch.bridge.discord.Activity;
import dev.cowatch.bridge.media.FileFingerprint;
import dev.cowatch.bridge.media.MediaMatch;
import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.client.PlayerSync;
import dev.cowatch.client.peer.IceServers;
import dev.cowatch.client.peer.PeerConnector;
import dev.cowatch.client.peer.PeerSync;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.FileMediaId;
import dev.cowatch.protocol.ServerMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The bridge in one room: a {@link CowatchClient} and a {@link PlayerSync} keeping the desktop player
 * on the room's timeline (the web app's drift correction), the room's news and chat shown in the
 * terminal and over the video, the viewer's file checked against the room's video, and what Discord
 * should show. Reconnects and resumes through the client.
 */
public final class BridgeSession implements AutoCloseable {
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);

  private final RoomLink link;
  private final DesktopPlayer desktop;
  private final SessionPlayer player;
  private final Optional<FileMediaId> localFile;
  private final Consumer<String> say;
  private final Consumer<Activity> presence;
  private final CowatchClient client;
  private final PlayerSync sync;
  /** The room's peer mesh; null without a WebRTC stack. */
  private final PeerSync peers;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ServerApi api;
  private final ScheduledFuture<?> presenceTimer;
  private final ScheduledFuture<?> peersWatch;
  /** Whether the viewer was last told the room plays on its peers. */
  private volatile boolean toldOnPeers;
  private volatile String checkedMediaId;
  private volatile MediaMatch.Verdict verdict;

  /**
   * @param localFile the identity of the viewer's file; empty when the player plays the room's URL
   * @param say where the viewer reads news (the terminal); lines also go over the video
   * @param presence receives what Discord should show (a no-op without Discord)
   * @param connector the WebRTC stack for the room's peer mesh; null: none
   */
  public BridgeSession(RoomLink link, String name, String accessToken, DesktopPlayer desktop, Optional<FileMediaId> localFile,
      Consumer<String> say, Consumer<Activity> presence, ScheduledExecutorService scheduler, PeerConnector connector) {
    this.link = link;
    this.desktop = desktop;
    this.player = new SessionPlayer(desktop);
    this.localFile = localFile;
    this.say = say;
    this.presence = presence;
    this.api = new ServerApi(link.server(), accessToken);
    CowatchClient.Builder b = CowatchClient.builder(link.server(), link.roomId(), scheduler).name(name);
    if (accessToken != null) b.accessToken(accessToken);
    this.client = b.build();
    this.peers = connector == null ? null
        : PeerSync.start(client, connector, new IceServers(link.server(), link.roomId(), accessToken), desktop.tolerances());
    client.addListener(new Listener());
    this.sync = new PlayerSync(client, player, desktop.tolerances(), desktop.traits());
    sync.start(scheduler);
    this.presenceTimer = scheduler.scheduleWithFixedDelay(this::publishPresence, 5, 5, TimeUnit.SECONDS);
    this.peersWatch = peers == null ? null : scheduler.scheduleWithFixedDelay(this::watchPeers, 1, 1, TimeUnit.SECONDS);
  }

  /** Joins; fails with a clear message when the room does not answer or refuses. */
  public BridgeSession join() throws IOException {
    try {
      client.connect().get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the room " + link + " did not answer within " + JOIN_TIMEOUT.toSeconds() + " s");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("could not join " + link + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Timeline t = client.timeline();
    if (localFile.isPresent() && (t == null || t.mediaId() == null || t.mediaId().isBlank())) {
      // An empty room takes the file's identity as its media: others open their own copy of it.
      client.setMedia(localFile.get().mediaId());
      say.accept("The room has no video: offering it your file (by its size and content, never its name).");
    }
    return this;
  }

  public CowatchClient client() {
    return client;
  }

  public PlayerSync sync() {
    return sync;
  }

  public RoomLink link() {
    return link;
  }

  /** The last check of the viewer's file against the room's video (null before one). */
  public MediaMatch.Verdict verdict() {
    return verdict;
  }

  public void chat(String text) {
    if (text.isBlank()) return;
    client.chat(text.strip());
  }

  /** Says when the room goes on between its members without the server, and when it is back (the web app's banner). */
  private void watchPeers() {
    boolean onPeers = peers.onPeers();
    if (onPeers == toldOnPeers) return;
    toldOnPeers = onPeers;
    tell(onPeers ? "The server is out of reach: the room plays on between you and the others here." : "Back on the server.", true);
  }

  private void tell(String line, boolean overVideo) {
    say.accept(line);
    if (overVideo) desktop.showMessage(line);
  }

  private void checkMedia(Timeline t) {
    String mediaId = t == null ? null : t.mediaId();
    if (localFile.isEmpty() || Objects.equals(mediaId, checkedMediaId)) return;
    checkedMediaId = mediaId;
    Thread.ofVirtual().name("media-check").start(() -> {
      Optional<FileMediaId> fromUrl = remoteIdentity(mediaId);
      MediaMatch.Verdict v = MediaMatch.judge(mediaId, localFile.get(), fromUrl);
      Optional<FileMediaId> room = FileMediaId.parse(mediaId).or(() -> fromUrl);
      verdict = v;
      MediaMatch.explain(v, localFile.get(), room).ifPresent(msg -> tell(msg, true));
      if (v == MediaMatch.Verdict.SAME) say.accept("Your file is the room's video.");
    });
  }

  /**
   * The identity of a room video that is not a {@code file:} id: a URL's read over two range requests, an
   * upload's asked of the server (which knows its bytes; never its name). Empty when it cannot be had.
   */
  private Optional<FileMediaId> remoteIdentity(String mediaId) {
    if (mediaId == null) return Optional.empty();
    try {
      if (mediaId.startsWith("http://") || mediaId.startsWith("https://")) {
        return Optional.of(FileFingerprint.of(URI.create(mediaId), http));
      }
      if (mediaId.startsWith(RoomMedia.UPLOAD_PREFIX)) {
        Optional<FileMediaId> id = FileMediaId.parse(api.uploadFileId(mediaId.substring(RoomMedia.UPLOAD_PREFIX.length())));
        if (id.isEmpty()) say.accept("The server gave no identity for the room's uploaded video.");
        return id;
      }
    } catch (IOException | IllegalArgumentException e) {
      say.accept("Could not read the room's video to compare it with your file: " + e.getMessage());
    }
    return Optional.empty();
  }

  private void publishPresence() {
    ServerMessage.RoomView room = client.room();
    Timeline t = client.timeline();
    if (room == null || t == null || !client.isConnected()) return;
    double now = client.serverNowMs();
    presence.accept(new Activity(room.name(), t.state() == PlaybackState.PLAYING, Math.round(t.positionAt(now)),
        System.currentTimeMillis(), partyId(link), client.memberCount(), room.maxMembers(), link.link()));
  }

  /** A stable id for the room that does not reveal its link (Discord shows party ids to friends' clients). */
  static String partyId(RoomLink link) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(link.link().getBytes(StandardCharsets.UTF_8));
      return "cowatch-" + HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private final class Listener implements ClientListener {
    @Override
    public void onTimeline(Timeline timeline, ServerMessage.CauseView cause) {
      checkMedia(timeline);
      Announcements.timeline(timeline, cause, client.memberId()).ifPresent(line -> tell(line, true));
      publishPresence();
    }

    @Override
    public void onPresence(List<ServerMessage.MemberView> members) {
      publishPresence();
    }

    @Override
    public void onChat(ServerMessage message) {
      if (message instanceof ServerMessage.Chat c) {
        boolean mine = Objects.equals(c.message().memberId(), client.memberId());
        Announcements.chat(c.message()).ifPresent(line -> tell(line, !mine));
      } else if (message instanceof ServerMessage.ChatHistory h) {
        List<ServerMessage.ChatView> lines = h.messages();
        for (ServerMessage.ChatView v : lines.subList(Math.max(0, lines.size() - 5), lines.size())) {
          Announcements.chat(v).ifPresent(say);
        }
      }
    }

    @Override
    public void onError(ServerMessage.Error error) {
      if (!"conflict".equals(error.code())) say.accept("The room refused: " + error.message());
    }

    @Override
    public void onNotice(ServerMessage.Notice notice) {
      // Withdrawn notices come with no text: the terminal has nothing to take down.
      if (!notice.text().isBlank()) tell("Notice from the site: " + notice.text(), true);
    }

    @Override
    public void onConnection(boolean connected) {
      tell(connected ? "In the room " + link : "Connection lost; coming back...", true);
    }
  }

  /** Leaves the room; the player stays open, no longer driven by it. */
  @Override
  public void close() {
    player.deactivate();
    presenceTimer.cancel(false);
    if (peersWatch != null) peersWatch.cancel(false);
    sync.close();
    if (peers != null) peers.close();
    client.close();
  }
}
