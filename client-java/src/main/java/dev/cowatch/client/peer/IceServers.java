package dev.cowatch.client.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The STUN and TURN servers for peer connections ({@code GET /api/rtc/ice-servers}, docs/api.md), asked
 * again a minute before their TURN credentials expire, as the web app's {@code iceServers.ts} does.
 * The server gives them to connected members of the room named only (403 otherwise); without a session,
 * a server or membership the answer is none: direct connections only, asked again in a minute.
 */
public final class IceServers implements Supplier<List<IceServer>> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final URI uri;
  private final String accessToken;
  private List<IceServer> servers = List.of();
  private long untilMs;

  /**
   * @param roomId the room the client is a member of
   * @param accessToken the session the client joined with (null: a guest without one gets none)
   */
  public IceServers(URI baseUri, String roomId, String accessToken) {
    this.uri = baseUri.resolve("/api/rtc/ice-servers?room=" + java.net.URLEncoder.encode(roomId, java.nio.charset.StandardCharsets.UTF_8));
    this.accessToken = accessToken;
  }

  @Override
  public synchronized List<IceServer> get() {
    long now = System.currentTimeMillis();
    if (now < untilMs) return servers;
    try {
      if (accessToken == null) throw new IllegalStateException("no session");
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3))
          .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
      JsonNode body = JSON.readTree(r.body());
      servers = parse(body.path("iceServers"));
      untilMs = body.path("expiresAt").isNumber() ? body.path("expiresAt").asLong() - 60_000 : now + 600_000;
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      servers = List.of();
      untilMs = now + 60_000;
    }
    return servers;
  }

  static List<IceServer> parse(JsonNode list) {
    List<IceServer> out = new ArrayList<>();
    for (JsonNode s : list) {
      List<String> urls = new ArrayList<>();
      if (s.path("urls").isTextual()) urls.add(s.path("urls").asText());
      for (JsonNode u : s.path("urls")) if (u.isTextual()) urls.add(u.asText());
      if (!urls.isEmpty()) {
        out.add(new IceServer(urls, s.path("username").isTextual() ? s.path("username").asText() : null,
            s.path("credential").isTextual() ? s.path("credential").asText() : null));
      }
    }
    return out;
  }
}
