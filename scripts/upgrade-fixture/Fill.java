import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a running Cowatch through its public API the way people would, for the upgrade fixtures
 * (scripts/make-upgrade-fixture.sh runs it against the previous version's server), and writes what it made
 * to a properties file: the upgrade test reads that file and expects every value there after the upgrade.
 * Run with the old build's libraries on the class path (Jackson): java -cp 'server/target/lib/*' Fill.java
 * BASE_URL SERVER_LOG VIDEO OUT.properties 'GRANT_COMMAND' (a shell command making ann@example.test a site
 * administrator: the old build's {@code admin grant}). Only JDK and Jackson: the old server's client may not match.
 */
public final class Fill {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Properties OUT = new Properties();
  static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    Path serverLog = Path.of(args[1]);
    Path video = Path.of(args[2]);
    Path out = Path.of(args[3]);
    String grantAdmin = args[4];

    // Three accounts and a guest; Ann verifies her address through the link the mail log shows.
    JsonNode ann = account("ann", "ann@example.test", "Änn Ärger", "ann upgrade pass 1");
    JsonNode ben = account("ben", "ben@example.test", "Ben", "ben upgrade pass 2");
    JsonNode cat = account("cat", "cat@example.test", "Cat", "cat upgrade pass 3");
    String annToken = ann.get("accessToken").asText();
    String benToken = ben.get("accessToken").asText();
    String catToken = cat.get("accessToken").asText();
    Thread.sleep(500);
    Matcher link = Pattern.compile("to=ann@example\\.test[^\\n]*\\n(?:.*\\n)*?.*verify\\?token=([A-Za-z0-9_-]+)")
        .matcher(Files.readString(serverLog));
    if (!link.find()) throw new IllegalStateException("no verification link for Ann in " + serverLog);
    ok(200, call("POST", "/api/auth/verify-email", "{\"token\":\"" + link.group(1) + "\"}", null));
    JsonNode gus = ok(201, call("POST", "/api/auth/guest", "{\"displayName\":\"Gus\"}", null));
    String gusToken = gus.get("accessToken").asText();
    put("gus.id", gus.get("user").get("id").asText());
    put("gus.name", "Gus");

    // Ann administers the site (the operator's command line) and bans Cat, with a reason Cat is shown.
    Process grant = new ProcessBuilder("sh", "-c", grantAdmin).inheritIO().start();
    if (grant.waitFor() != 0) throw new IllegalStateException("admin grant failed: " + grantAdmin);

    // Friends: Ann asks Ben, Ben accepts; Cat's request to Ann stays unanswered.
    ok(201, call("POST", "/api/friends/requests", "{\"email\":\"ben@example.test\"}", annToken));
    ok(204, call("POST", "/api/friends/requests/" + OUT.getProperty("ann.id") + "/accept", null, benToken));
    ok(201, call("POST", "/api/friends/requests", "{\"email\":\"ann@example.test\"}", catToken));
    ok(201, call("POST", "/api/admin/bans", "{\"user\":\"cat@example.test\",\"reason\":\"Spam links — sorry\"}",
        annToken));
    put("cat.banReason", "Spam links — sorry");

    // Ann's upload: tus in two PATCHes, then processing (probe, poster) until ready.
    byte[] bytes = Files.readAllBytes(video);
    String mediaId = upload(annToken, bytes, "tiny.mp4", "Tiny test pattern");
    JsonNode item = waitFor(() -> ok(200, call("GET", "/api/media/" + mediaId, null, annToken)),
        m -> !m.get("status").asText().matches("uploading|processing"));
    if (!item.get("status").asText().equals("ready")) throw new IllegalStateException("upload not ready: " + item);
    put("media.id", mediaId);
    put("media.title", item.get("title").asText());
    put("media.fileName", item.get("fileName").asText());
    put("media.sizeBytes", item.get("sizeBytes").asText());
    put("media.sha256", item.get("sha256").asText());
    put("media.contentType", item.get("contentType").asText());
    put("media.durationMs", item.path("durationMs").asText());
    put("media.width", item.path("width").asText());
    put("media.height", item.path("height").asText());
    put("media.hasPoster", item.get("hasPoster").asText());
    String srt = "1\n00:00:00,200 --> 00:00:01,500\nHallo, Änn!\n\n2\n00:00:01,600 --> 00:00:01,900\nBye\n";
    JsonNode track = ok(201, call("POST", "/api/media/" + mediaId + "/subtitles?label=Deutsch&language=de",
        srt, annToken, "application/x-subrip"));
    put("subtitle.id", track.get("id").asText());
    put("subtitle.label", track.get("label").asText());
    put("subtitle.cues", track.get("cues").asText());

    // A room with every setting off its default, playing her upload; Ben and Gus come in with the password.
    JsonNode room = ok(201, call("POST", "/api/rooms", "{\"name\":\"Freitagsfilm — Ärger\",\"visibility\":\"unlisted\","
        + "\"password\":\"sesame seed 42\",\"guestsAllowed\":true,\"controlMode\":\"moderators\","
        + "\"bufferingPolicy\":\"neverWait\",\"bufferWaitTimeoutMs\":7000,\"maxMembers\":12,"
        + "\"mediaId\":\"media:" + mediaId + "\"}", annToken));
    String roomId = room.get("id").asText();
    put("room.id", roomId);
    put("room.name", room.get("name").asText());
    put("room.password", "sesame seed 42");
    for (String field : List.of("visibility", "guestsAllowed", "controlMode", "bufferingPolicy", "bufferWaitTimeoutMs",
        "maxMembers")) {
      put("room." + field, room.get(field).asText());
    }
    ok(200, call("POST", "/api/rooms/" + roomId + "/access", "{\"password\":\"sesame seed 42\"}", benToken));
    ok(200, call("POST", "/api/rooms/" + roomId + "/access", "{\"password\":\"sesame seed 42\"}", gusToken));
    ok(200, call("PUT", "/api/rooms/" + roomId + "/members/" + OUT.getProperty("ben.id") + "/role",
        "{\"role\":\"moderator\"}", annToken));

    // In the room: chat with the client's own line ids, a reaction, a queue entry, play and pause on a frame.
    Socket a = Socket.join(roomId, "Änn Ärger", annToken);
    Socket b = Socket.join(roomId, "Ben", benToken);
    Socket g = Socket.join(roomId, "Gus", gusToken);
    JsonNode line1 = a.chat("Hallo zusammen — ça va? 🎬", "ann-1");
    JsonNode line2 = b.chat("Bin da", "ben-1");
    JsonNode line3 = g.chat("hi from a guest", "gus-1");
    int n = 0;
    for (JsonNode line : List.of(line1, line2, line3)) {
      n++;
      for (String field : List.of("id", "userId", "name", "text", "lineId")) {
        put("chat." + n + "." + field, line.get(field).asText());
      }
    }
    a.send("{\"type\":\"react\",\"emoji\":\"👍\",\"messageId\":" + line1.get("id").asLong() + ",\"on\":true}");
    b.await(m -> m.path("type").asText().equals("chatReactions"));
    a.send("{\"type\":\"queueAdd\",\"mediaId\":\"https://media.example.org/next.mp4\",\"title\":\"Next one\"}");
    a.await(m -> m.path("type").asText().equals("queue"));
    put("queue.title", "Next one");
    a.send("{\"type\":\"play\",\"version\":" + a.version() + "}");
    a.await(m -> m.path("type").asText().equals("timeline") && m.at("/timeline/state").asText().equals("playing"));
    Thread.sleep(1500);
    a.send("{\"type\":\"pause\",\"version\":" + a.version() + ",\"positionMs\":1234}");
    JsonNode paused = a.await(m -> m.path("type").asText().equals("timeline")
        && m.at("/timeline/state").asText().equals("paused")).get("timeline");
    put("room.positionMs", paused.get("anchorPositionMs").asText());
    put("room.timelineVersion", paused.get("version").asText());
    ok(204, call("PUT", "/api/rooms/" + roomId + "/mutes/" + OUT.getProperty("gus.id"), "{}", annToken));
    g.await(m -> m.path("type").asText().equals("chat") && m.at("/message/kind").asText().equals("system")
        && m.at("/message/event/type").asText().equals("muted"));
    Thread.sleep(2000); // a watch-history stretch of a few seconds, with the others
    for (Socket s : List.of(g, b, a)) s.bye();

    // A showing of the upload next year (a room of its own), Ben invited and going.
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(300);
    JsonNode showing = ok(201, call("POST", "/api/showings", "{\"title\":\"Premiere\",\"description\":\"Bring snacks\","
        + "\"startsAt\":\"" + day + "T20:30\",\"timeZone\":\"Europe/Berlin\",\"visibility\":\"private\","
        + "\"episodes\":[{\"mediaId\":\"media:" + mediaId + "\",\"title\":\"Part one\"}],"
        + "\"invitees\":[\"" + OUT.getProperty("ben.id") + "\"]}", annToken));
    String showingId = showing.get("id").asText();
    ok(204, call("POST", "/api/showings/" + showingId + "/answer", "{\"going\":true}", benToken));
    put("showing.id", showingId);
    put("showing.title", "Premiere");
    put("showing.description", "Bring snacks");
    put("showing.startsAt", showing.get("startsAt").asText());
    put("showing.timeZone", "Europe/Berlin");
    put("showing.roomId", showing.get("roomId").asText());

    // The watch history is written by a background thread: wait until both stretches are closed.
    for (String who : List.of("ann", "ben")) {
      String token = who.equals("ann") ? annToken : benToken;
      JsonNode entries = waitFor(() -> ok(200, call("GET", "/api/me/history", null, token)).get("entries"),
          e -> e.size() > 0 && e.get(0).has("endedAt"));
      put(who + ".history.roomId", entries.get(0).get("roomId").asText());
      put(who + ".history.mediaId", entries.get(0).get("mediaId").asText());
      put(who + ".history.startedAt", entries.get(0).get("startedAt").asText());
      put(who + ".history.endedAt", entries.get(0).get("endedAt").asText());
      List<String> with = new ArrayList<>();
      entries.get(0).path("with").forEach(name -> with.add(name.asText()));
      put(who + ".history.with", String.join(",", with));
    }
    observe(annToken, benToken, roomId);
    put("made.at", java.time.Instant.now().toString());
    try (var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      OUT.store(w, "written by scripts/upgrade-fixture/Fill.java; the upgrade test expects these values");
    }
    System.out.println("fill: done, room " + roomId + ", media " + mediaId + ", showing " + showingId);
  }

  /** What the old server shows at the end, as it showed it: the upgraded one must show the same. */
  static void observe(String annToken, String benToken, String roomId) throws Exception {
    JsonNode friends = ok(200, call("GET", "/api/friends", null, annToken));
    put("ann.friends", ids(friends.get("friends")));
    put("ann.friends.incoming", ids(friends.get("incoming")));
    put("ann.friends.outgoing", ids(friends.get("outgoing")));
    List<String> members = new ArrayList<>();
    ok(200, call("GET", "/api/rooms/" + roomId + "/members", null, annToken)).get("members")
        .forEach(m -> members.add(m.get("userId").asText() + ":" + m.get("role").asText()));
    members.sort(null);
    put("room.members", String.join(",", members));
    List<String> kinds = new ArrayList<>();
    ok(200, call("GET", "/api/me/notifications", null, benToken)).get("notifications")
        .forEach(x -> kinds.add(x.get("kind").asText()));
    put("ben.notifications", String.join(",", kinds));
    JsonNode audit = ok(200, call("GET", "/api/admin/audit?limit=1", null, annToken)).get("verification");
    put("audit.status", audit.get("status").asText());
    put("audit.rows", audit.get("rows").asText());
    put("audit.headHash", audit.get("headHash").asText());
  }

  static String ids(JsonNode people) {
    List<String> ids = new ArrayList<>();
    people.forEach(p -> ids.add(p.get("userId").asText()));
    ids.sort(null);
    return String.join(",", ids);
  }

  static JsonNode account(String key, String email, String name, String password) throws Exception {
    JsonNode s = ok(201, call("POST", "/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password
        + "\",\"displayName\":\"" + name + "\"}", null));
    put(key + ".id", s.get("user").get("id").asText());
    put(key + ".email", email);
    put(key + ".password", password);
    put(key + ".name", name);
    return s;
  }

  static String upload(String token, byte[] bytes, String fileName, String title) throws Exception {
    String meta = "filename " + b64(fileName) + ",filetype " + b64("video/mp4") + ",title " + b64(title)
        + ",sha256 " + b64(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/uploads"))
        .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token)
        .header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(bytes.length))
        .header("Upload-Metadata", meta).build(), HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) throw new IllegalStateException("upload creation: " + created.body());
    String location = created.headers().firstValue("Location").orElseThrow();
    int half = bytes.length / 2;
    patch(token, location, bytes, 0, half);
    patch(token, location, bytes, half, bytes.length);
    return created.headers().firstValue("Cowatch-Media-Id").orElseThrow();
  }

  static void patch(String token, String location, byte[] bytes, int from, int to) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base).resolve(location))
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes, from, to - from))
        .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
        .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", String.valueOf(from))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 204) throw new IllegalStateException("upload PATCH " + r.statusCode() + ": " + r.body());
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static void put(String key, String value) {
    OUT.setProperty(key, value);
  }

  record Reply(int status, JsonNode json, String body) {}

  static Reply call(String method, String path, String body, String token) throws Exception {
    return call(method, path, body, token, "application/json");
  }

  static Reply call(String method, String path, String body, String token, String type) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", type);
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().startsWith("{") ? JSON.readTree(r.body()) : null;
    return new Reply(r.statusCode(), json, method + " " + path + " -> " + r.statusCode() + " " + r.body());
  }

  static JsonNode ok(int status, Reply r) {
    if (r.status() != status) throw new IllegalStateException("expected " + status + ": " + r.body());
    return r.json();
  }

  interface Step<T> {
    T get() throws Exception;
  }

  static <T> T waitFor(Step<T> step, Predicate<T> done) throws Exception {
    long until = System.currentTimeMillis() + 60_000;
    T value = step.get();
    while (!done.test(value)) {
      if (System.currentTimeMillis() > until) throw new IllegalStateException("gave up waiting: " + value);
      Thread.sleep(250);
      value = step.get();
    }
    return value;
  }

  /** A room connection: every message kept, so a step can wait for the one it expects. */
  static final class Socket implements WebSocket.Listener {
    final List<JsonNode> seen = new CopyOnWriteArrayList<>();
    final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    static Socket join(String roomId, String name, String token) throws Exception {
      Socket s = new Socket();
      URI room = URI.create(base.replaceFirst("^http", "ws") + "/ws/rooms/" + roomId);
      s.ws = HTTP.newWebSocketBuilder().buildAsync(room, s).get();
      s.send(JSON.createObjectNode().put("type", "hello").put("protocol", 1).put("name", name).put("token", token)
          .toString());
      s.await(m -> m.path("type").asText().equals("joined"));
      return s;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          seen.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    void send(String text) {
      ws.sendText(text, true).join();
    }

    JsonNode chat(String text, String lineId) throws Exception {
      send(JSON.createObjectNode().put("type", "chat").put("text", text).put("lineId", lineId).toString());
      return await(m -> m.path("type").asText().equals("chat") && m.at("/message/lineId").asText().equals(lineId))
          .get("message");
    }

    /** The newest timeline version this connection was told. */
    long version() {
      long v = 0;
      for (JsonNode m : seen) {
        JsonNode t = m.path("type").asText().equals("joined") ? m.at("/room/timeline") : m.path("timeline");
        if (t.has("version")) v = Math.max(v, t.get("version").asLong());
      }
      return v;
    }

    JsonNode await(Predicate<JsonNode> wanted) throws Exception {
      long until = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < until) {
        for (JsonNode m : seen) {
          if (m.path("type").asText().equals("error")) throw new IllegalStateException("room said: " + m);
          if (wanted.test(m)) return m;
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("no such message among " + seen);
    }

    void bye() throws Exception {
      send("{\"type\":\"bye\"}");
      await(m -> m.path("type").asText().equals("bye"));
    }
  }
}
