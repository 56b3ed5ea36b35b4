package dev.cowatch.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.server.ServerProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A whole run of the real server, in JSON logs: every line is one JSON object, requests and room
 * messages carry their ids, and none of the secrets the run used appears anywhere in the log —
 * passwords (right and wrong), access and refresh tokens, a room's password, an invite token, a resume
 * token, the metrics token, a signed media URL's signature.
 */
class SecretsInLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery 27";
  private static final String WRONG_PASSWORD = "wrong-horse-battery-27";
  private static final String ROOM_PASSWORD = "room-pass-Qx81";
  private static final String METRICS_TOKEN = "metrics-token-Zq81vT";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, ROOM_PASSWORD, METRICS_TOKEN));
  private URI base;

  @Test
  void aWholeRunsJsonLog_namesRequestsAndRooms_andNoSecret() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-secrets");
    Path log = dir.resolve("server.log");
    int port = ServerProcess.freePort();
    try (ServerProcess server = ServerProcess.start(port, log, List.of("--data-dir", dir.resolve("data").toString(),
        "--log-format", "json", "--metrics-token", METRICS_TOKEN))) {
      base = server.base();
      exercise();
      // 143: the JVM ends with 128 + SIGTERM after its shutdown hook (systemd: SuccessExitStatus=143).
      assertThat(server.terminate(Duration.ofSeconds(30))).isEqualTo(143);
    }

    List<String> lines = Files.readAllLines(log);
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) continue;
      events.add(JSON.readTree(line)); // every line parses: one object per line
    }
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.has("ts") && e.has("level") && e.has("msg")).isTrue());
    assertThat(events).as("a room message's log lines carry the room's id")
        .anyMatch(e -> e.path("msg").asText().startsWith("member joined") && e.path("room").asText().length() > 0);
    assertThat(events).as("a request's log lines carry its id")
        .anyMatch(e -> e.path("msg").asText().startsWith("room created") && e.path("request").asText().startsWith("r"));

    String whole = Files.readString(log);
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(10);
    for (String secret : secrets) {
      assertThat(whole).as("the log of the whole run contains a secret (%s...)", secret.substring(0, 4))
          .doesNotContain(secret);
    }
  }

  /** Everything that hands out or takes a secret, once. */
  private void exercise() throws Exception {
    String email = "ann-secrets@example.test";
    JsonNode registered = post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
        + "\",\"displayName\":\"Ann\"}", null, 201);
    secret(registered.path("accessToken").asText());
    secret(registered.path("refreshToken").asText());
    post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + WRONG_PASSWORD + "\"}", null, 401);
    JsonNode login = post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null, 200);
    String token = secret(login.path("accessToken").asText());
    JsonNode refreshed = post("/api/auth/refresh", "{\"refreshToken\":\"" + secret(login.path("refreshToken").asText())
        + "\"}", null, 200);
    secret(refreshed.path("refreshToken").asText());
    token = secret(refreshed.path("accessToken").asText());

    String room = post("/api/rooms", "{\"name\":\"Secret night\",\"password\":\"" + ROOM_PASSWORD + "\"}", token, 201)
        .path("id").asText();
    secret(post("/api/rooms/" + room + "/invites", "{}", token, 201).path("token").asText());
    JsonNode bob = post("/api/auth/guest", "{\"displayName\":\"Bob\"}", null, 201);
    String bobToken = secret(bob.path("accessToken").asText());
    post("/api/rooms/" + room + "/access", "{\"password\":\"" + ROOM_PASSWORD + "\"}", bobToken, 200);

    secret(joinAndReadResumeToken(room, token));
    metrics();
    signedUrl(token);
  }

  private String joinAndReadResumeToken(String room, String token) throws Exception {
    CompletableFuture<String> joined = new CompletableFuture<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/ws/rooms/" + room),
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              try {
                JsonNode m = JSON.readTree(text.toString());
                if (m.path("type").asText().equals("joined")) joined.complete(m.path("resumeToken").asText());
              } catch (java.io.IOException e) {
                joined.completeExceptionally(e);
              }
              text.setLength(0);
            }
            w.request(1);
            return null;
          }
        }).get(5, TimeUnit.SECONDS);
    ws.sendText("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Ann\",\"token\":\"" + token + "\"}", true);
    String resume = joined.get(5, TimeUnit.SECONDS);
    ws.sendText("{\"type\":\"report\",\"driftMs\":3.5,\"rttMs\":20}", true);
    ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
    return resume;
  }

  private void metrics() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
        .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  /** Uploads a small video, waits until it is ready and asks for its streaming URL, then streams from it. */
  private void signedUrl(String token) throws Exception {
    byte[] video;
    try (InputStream in = getClass().getResourceAsStream("/media/h264-aac.mp4")) {
      video = in.readAllBytes();
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(video));
    String meta = "filename " + Base64.getEncoder().encodeToString("film.mp4".getBytes()) + ",sha256 "
        + Base64.getEncoder().encodeToString(sha.getBytes());
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/uploads"))
        .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
        .header("Upload-Length", Integer.toString(video.length)).header("Upload-Metadata", meta)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = created.headers().firstValue("Cowatch-Media-Id").orElseThrow();
    HttpResponse<String> patched = http.send(HttpRequest.newBuilder(base.resolve("/api/uploads/" + id))
        .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
        .header("Content-Type", "application/offset+octet-stream")
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(video)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/media/" + id, token).path("status").asText().equals("ready"));

    String url = post("/api/media/" + id + "/url", null, token, 200).path("url").asText();
    String sig = url.replaceAll(".*[?&]sig=([^&]+).*", "$1");
    assertThat(sig).isNotEqualTo(url).hasSizeGreaterThan(10);
    secret(sig);
    secret(url);
    HttpResponse<Void> streamed = http.send(HttpRequest.newBuilder(base.resolve(url)).header("Range", "bytes=0-99").build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(streamed.statusCode()).isEqualTo(206);
  }

  private String secret(String value) {
    assertThat(value).as("a secret the server handed out").hasSizeGreaterThan(8);
    secrets.add(value);
    return value;
  }

  private JsonNode post(String path, String body, String token, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(expected);
    return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
  }

  private JsonNode get(String path, String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
        .build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}
