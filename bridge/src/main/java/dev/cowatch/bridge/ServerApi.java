package dev.cowatch.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The few REST calls the bridge makes besides the room's socket (docs/api.md): what a room plays, a guest
 * session, an upload's streaming URL and its {@code file:} identity. Each answers JSON or fails with a
 * sentence for the terminal.
 */
final class ServerApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The answers are small JSON objects; a bigger one is not our server. */
  private static final int MAX_BODY_CHARS = 64 * 1024;

  private final URI server;
  private final String accessToken;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServerApi(URI server, String accessToken) {
    this.server = server;
    this.accessToken = accessToken;
  }

  /** A guest session for {@code name}, as the web app makes for someone who does not sign in: its access token. */
  String newGuest(String name) throws IOException {
    JsonNode s = send("POST", "/api/auth/guest", Map.of("displayName", name), 201);
    String token = s.path("accessToken").asText("");
    if (token.isEmpty()) throw new IOException("the server made a guest session without an access token");
    return token;
  }

  /** The room's timeline's media id, or null when it plays nothing. */
  String roomMediaId(String roomId) throws IOException {
    JsonNode media = send("GET", "/api/rooms/" + roomId, null, 200).path("timeline").path("mediaId");
    return media.isTextual() ? media.asText() : null;
  }

  /**
   * Enters the room ({@code POST /api/rooms/{id}/access}) before its socket is open: a member's role is what
   * lets it ask for the room's uploaded video.
   */
  void enterRoom(String roomId) throws IOException {
    send("POST", "/api/rooms/" + roomId + "/access", Map.of(), 200);
  }

  /** Where an upload streams from for this viewer (a signed URL, valid for hours). */
  URI uploadUrl(String itemId) throws IOException {
    String path = send("POST", "/api/media/" + itemId + "/url", Map.of(), 200).path("url").asText("");
    if (!path.startsWith("/")) throw new IOException("the server gave no streaming URL for the uploaded video");
    return server.resolve(path);
  }

  /** The upload's {@code file:} identity ({@code GET /api/media/{id}/file-id}). */
  String uploadFileId(String itemId) throws IOException {
    return send("GET", "/api/media/" + itemId + "/file-id", null, 200).path("fileId").asText("");
  }

  private JsonNode send(String method, String path, Object body, int expected) throws IOException {
    HttpRequest.Builder req = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(20));
    if (accessToken != null) req.header("Authorization", "Bearer " + accessToken);
    if (body == null) {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      req.header("Content-Type", "application/json").method(method,
          HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    try {
      HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      if (res.body().length() > MAX_BODY_CHARS) throw new IOException("the server's answer to " + path + " is too long");
      if (res.statusCode() != expected) {
        String detail = res.body().isEmpty() ? "" : JSON.readTree(res.body()).path("detail").asText("");
        throw new IOException("the server answered HTTP " + res.statusCode() + " to " + method + " " + path
            + (detail.isEmpty() ? "" : ": " + detail));
      }
      return JSON.readTree(res.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("the server's answer to " + path + " is not JSON", e);
    }
  }
}
