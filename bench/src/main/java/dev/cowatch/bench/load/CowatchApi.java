package dev.cowatch.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few REST calls a run makes before its viewers connect: a guest identity and its rooms. */
public final class CowatchApi {
  static final String MEDIA = "https://media.example.org/bench.mp4";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  private CowatchApi(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Signs in as a new guest. */
  public static CowatchApi guest(URI base, String name) throws IOException, InterruptedException {
    CowatchApi anonymous = new CowatchApi(base, null);
    JsonNode session = anonymous.post("/api/auth/guest", Map.of("displayName", name), 201);
    return new CowatchApi(base, session.path("accessToken").asText());
  }

  public String token() {
    return token;
  }

  /** A room owned by this guest, playing nothing yet but with a video chosen; returns its id. */
  public String createRoom(String name, int maxMembers) throws IOException, InterruptedException {
    JsonNode room = post("/api/rooms", Map.of("name", name, "maxMembers", maxMembers, "mediaId", MEDIA), 201);
    return room.path("id").asText();
  }

  private JsonNode post(String path, Map<String, Object> body, int expected) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) r.header("Authorization", "Bearer " + token);
    HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != expected) {
      throw new IOException("POST " + path + " answered " + res.statusCode() + ": " + res.body());
    }
    return JSON.readTree(res.body());
  }
}
