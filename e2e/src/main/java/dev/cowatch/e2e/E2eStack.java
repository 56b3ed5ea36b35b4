package dev.cowatch.e2e;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.CowatchServer;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.platform.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a browser test needs, started in-process: the real Cowatch server (random port,
 * embedded storage, the web app from the cowatch-web jar), a media server with the test video,
 * and headless Chromium (one browser for the JVM, {@link Chromium#shared()}). Close it to stop the server and
 * the media server and to close this stack's browser contexts.
 */
public final class E2eStack implements AutoCloseable {
  /** The shipped test video: 60 s, 320x180, VP8 + Opus, a keyframe every 0.5 s (e2e/README.md). */
  public static final String VIDEO = "sync-test.webm";
  /** The name of the rooms {@link #createRoom()} makes. */
  public static final String ROOM_NAME = "Browser test";
  /** The throttled route delivers this much at full speed, then slower than the video's ~32 KB/s. */
  public static final MediaServer.Throttle SLOW = new MediaServer.Throttle(96 * 1024, 8 * 1024);

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

  private final CowatchServer server;
  private final MediaServer media;
  private final Chromium chromium;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String host;

  private E2eStack(byte[] video, UnaryOperator<ServerConfig.Builder> configure) throws IOException {
    this(video, configure, "127.0.0.1", "127.0.0.1", base -> Chromium.shared());
  }

  private E2eStack(byte[] video, UnaryOperator<ServerConfig.Builder> configure, String host, String mediaHost,
      java.util.function.Function<String, Chromium> browser) throws IOException {
    this.host = host;
    Path dir = Files.createTempDirectory("cowatch-e2e");
    CowatchServer s = new CowatchServer(configure.apply(ServerConfig.ephemeral(dir)).host(host).build(), Clock.systemUTC(),
        Ids.secure()).start();
    MediaServer m = null;
    try {
      m = MediaServer.start(Map.of(VIDEO, video), SLOW, mediaHost);
      this.chromium = browser.apply("http://" + host + ":" + s.port());
    } catch (IOException | RuntimeException e) {
      if (m != null) m.close();
      s.close();
      throw e;
    }
    this.server = s;
    this.media = m;
  }

  /** Starts everything with the test video found by {@link #findVideo()}. */
  public static E2eStack start() throws IOException {
    return start(UnaryOperator.identity());
  }

  /** Starts everything with the server's test configuration changed by {@code configure} (mail, reminders ...). */
  public static E2eStack start(UnaryOperator<ServerConfig.Builder> configure) throws IOException {
    return new E2eStack(findVideo(), configure);
  }

  /**
   * The server on the root namespace's end of {@code ns}, and the browser inside it: for WebRTC between
   * pages (peer-to-peer file sharing).
   */
  public static E2eStack startInNamespace(NetNamespace ns, UnaryOperator<ServerConfig.Builder> configure) throws IOException {
    return new E2eStack(findVideo(), configure, ns.hostAddress(), ns.mediaAddress(), origin -> Chromium.launchIn(ns, origin));
  }

  /** As {@link #startInNamespace(NetNamespace, UnaryOperator)}, the browser started with {@code browserArgs} more. */
  public static E2eStack startInNamespace(NetNamespace ns, UnaryOperator<ServerConfig.Builder> configure, List<String> browserArgs)
      throws IOException {
    return new E2eStack(findVideo(), configure, ns.hostAddress(), ns.mediaAddress(),
        origin -> Chromium.launchIn(ns, origin, browserArgs));
  }

  /**
   * A stack serving {@code video} as its test video instead of the shipped one. The choice is this
   * stack's alone: the property it goes through is put back at once, so later stacks in the same JVM
   * (the next test class) do not look for a file its owner has deleted since.
   */
  public static E2eStack serving(Path video) throws IOException {
    String before = System.getProperty("cowatch.e2e.video");
    System.setProperty("cowatch.e2e.video", video.toString());
    try {
      return start();
    } finally {
      if (before == null) System.clearProperty("cowatch.e2e.video");
      else System.setProperty("cowatch.e2e.video", before);
    }
  }

  /**
   * The test video: the classpath resource {@code /media/sync-test.webm} (the e2e tests), else the
   * file in the source tree (bench/run runs from the repository root), else {@code cowatch.e2e.video}.
   */
  public static byte[] findVideo() throws IOException {
    String property = System.getProperty("cowatch.e2e.video");
    if (property != null) return Files.readAllBytes(Path.of(property));
    try (InputStream in = E2eStack.class.getResourceAsStream("/media/" + VIDEO)) {
      if (in != null) return in.readAllBytes();
    }
    for (String dir : new String[] {"e2e/src/test/resources/media", "../e2e/src/test/resources/media"}) {
      Path p = Path.of(dir, VIDEO);
      if (Files.isRegularFile(p)) return Files.readAllBytes(p);
    }
    throw new IOException("test video " + VIDEO + " not found (run from the repository root or set -Dcowatch.e2e.video)");
  }

  public URI baseUri() {
    return URI.create("http://" + host + ":" + server.port());
  }

  public CowatchServer server() {
    return server;
  }

  public MediaServer media() {
    return media;
  }

  public Chromium chromium() {
    return chromium;
  }

  public String videoUrl() {
    return media.url(VIDEO);
  }

  public String slowVideoUrl() {
    return media.slowUrl(VIDEO);
  }

  /**
   * Creates a room through the HTTP API ({@code POST /api/rooms}) with this JSON body, owned by a
   * new guest identity "Host" (creating a room needs one); returns its id.
   */
  public String createRoom(String json) {
    try {
      return createRoom(json, guestToken("Host"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A room made by the identity behind {@code token} (null: none): a room with a library item must be made by its
   * owner (or someone it is shared with); its id.
   */
  public String createRoom(String json, String token) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve("/api/rooms"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
      if (token != null) request.header("Authorization", "Bearer " + token);
      HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = ID.matcher(res.body());
      if (res.statusCode() != 201 || !m.find()) throw new IllegalStateException("create room: " + res.statusCode() + " " + res.body());
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An access token for a new account (registered through the HTTP API): a member, not a guest, in rooms it joins. */
  public String accountToken(String displayName, String email) {
    try {
      return sessionToken("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
          + "\",\"displayName\":\"" + displayName + "\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An access token for a new guest, or null on a server without the accounts API. */
  private String guestToken(String displayName) throws IOException, InterruptedException {
    return sessionToken("/api/auth/guest", "{\"displayName\":\"" + displayName + "\"}");
  }

  /** The access token of the session a POST of {@code json} to {@code path} makes; null where there is no such route. */
  private String sessionToken(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(baseUri().resolve(path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 404) return null;
    Matcher m = ACCESS_TOKEN.matcher(res.body());
    if (res.statusCode() != 201 || !m.find()) throw new IllegalStateException(path + ": " + res.statusCode() + " " + res.body());
    return m.group(1);
  }

  /** A room playing the test video at full speed, with the server's default settings otherwise. */
  public String createRoom() {
    return createRoom("{\"name\":\"" + ROOM_NAME + "\",\"mediaId\":\"" + videoUrl() + "\"}");
  }

  public Room room(String roomId) {
    return server.rooms().service().find(new RoomId(roomId)).orElseThrow(() -> new IllegalStateException("no room " + roomId));
  }

  public Timeline timeline(String roomId) {
    return room(roomId).timeline();
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      media.close();
      server.close();
    }
  }
}
