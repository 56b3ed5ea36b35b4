package dev.cowatch.e2e.desktop;

import dev.cowatch.bridge.Bridge;
import dev.cowatch.bridge.RoomLink;
import dev.cowatch.bridge.probe.TestVideo;
import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.protocol.ServerMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The desktop tests' world: the real server serving an ffmpeg-made video, bridges, and Java members. */
final class BridgeRooms implements AutoCloseable {
  final Path dir;
  final Path video;
  final E2eStack stack;
  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  BridgeRooms() throws IOException {
    dir = Files.createTempDirectory("cowatch-bridge-test");
    // VLC runs as nobody under root (it refuses root): it must reach the video.
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    video = TestVideo.make(dir.resolve("videos"), "film.webm", 60, 440);
    stack = E2eStack.serving(video);
  }

  /** A room playing the test video's URL; returns its link. */
  RoomLink room() {
    return new RoomLink(stack.baseUri(), stack.createRoom());
  }

  /** A new guest identity's access token (POST /api/auth/guest). */
  String guestToken(String name) throws IOException, InterruptedException {
    return guest(name)[1];
  }

  /**
   * A room playing {@code file} uploaded to a new guest's library ({@code media:<id>}); its link. The upload is
   * imported as the library imports, without processing: the server knows nothing of it but its bytes.
   */
  RoomLink uploadedRoom(Path file) throws IOException, InterruptedException {
    String[] owner = guest("Uploader");
    dev.cowatch.server.media.MediaItem item;
    try (var in = Files.newInputStream(file)) {
      item = stack.server().media().library().importFile(new dev.cowatch.core.room.UserId(owner[0]), "Uploaded film",
          "film.webm", "video/webm", in, Files.size(file));
    }
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/api/rooms"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + owner[1])
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Uploads\",\"mediaId\":\"" + item.roomMediaId() + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(res.body());
    if (res.statusCode() != 201 || !m.find()) throw new IOException("room: " + res.statusCode() + " " + res.body());
    return new RoomLink(stack.baseUri(), m.group(1));
  }

  /** A new guest identity: its user id and access token. */
  private String[] guest(String name) throws IOException, InterruptedException {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/api/auth/guest"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + name + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(res.body());
    Matcher id = Pattern.compile("\"user\"\\s*:\\s*\\{\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(res.body());
    if (res.statusCode() != 201 || !m.find() || !id.find()) throw new IOException("guest: " + res.statusCode() + " " + res.body());
    return new String[] {id.group(1), m.group(1)};
  }

  /** A room without media owned by the guest of {@code token}. */
  RoomLink emptyRoomOf(String token) throws IOException, InterruptedException {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/api/rooms"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Files only\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(res.body());
    if (res.statusCode() != 201 || !m.find()) throw new IOException("room: " + res.statusCode() + " " + res.body());
    return new RoomLink(stack.baseUri(), m.group(1));
  }

  /** A bridge driving an mpv it starts (no window, no sound) on {@code file}; its news go to {@code heard}. */
  Bridge mpvBridge(RoomLink link, Path file, List<String> heard, String discordClientId, List<Path> discordSockets)
      throws IOException {
    return mpvBridge(link, file, heard, null, discordClientId, discordSockets);
  }

  Bridge mpvBridge(RoomLink link, Path file, List<String> heard, String token, String discordClientId, List<Path> discordSockets)
      throws IOException {
    Bridge b = Bridge.start(new Bridge.Config(link, file, "Desk", token, Bridge.PlayerKind.MPV, "mpv", "cvlc", null, null, null,
        List.of("--vo=null", "--ao=null"), discordClientId, discordSockets, Duration.ofMillis(200), null), heard::add);
    open.add(b);
    return b;
  }

  Bridge vlcBridge(RoomLink link, Path file, List<String> heard) throws IOException {
    Bridge b = Bridge.start(new Bridge.Config(link, file, "Vic", null, Bridge.PlayerKind.VLC, "mpv", "cvlc", null, null, null,
        List.of("--vout", "dummy", "--aout", "dummy"), null, List.of(), Duration.ofSeconds(15), null), heard::add);
    open.add(b);
    return b;
  }

  /** A member speaking the protocol from Java (as the web app does), hearing chat into {@code chat}. */
  CowatchClient member(RoomLink link, String name, List<String> chat) throws Exception {
    CowatchClient c = CowatchClient.builder(link.server(), link.roomId(), scheduler).name(name).build();
    c.addListener(new ClientListener() {
      @Override
      public void onChat(ServerMessage message) {
        if (message instanceof ServerMessage.Chat ch) chat.add(ch.message().name() + ": " + ch.message().text());
      }
    });
    c.connect().get(15, TimeUnit.SECONDS);
    open.add(c);
    return c;
  }

  @Override
  public void close() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        // closing everything anyway
      }
    }
    stack.close();
    scheduler.shutdownNow();
    DesktopRoom.deleteTree(dir);
  }
}
