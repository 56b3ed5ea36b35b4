package dev.cowatch.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Speaks the REST API of a test server as a real client would: JSON over HTTP with bearer tokens. */
public final class Api implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Api(TestServer server) {
    this.server = server;
  }

  /** A response with its body parsed when it is JSON (null otherwise). */
  public record Reply(int status, String contentType, String body, JsonNode json) {
    public String problemType() {
      return json == null || !json.has("type") ? null : json.get("type").asText().replaceAll(".*/", "");
    }
  }

  /** An identity for tests: its user id and access token. */
  public record Who(String userId, String token, String name) {}

  /** A new guest identity through {@code POST /api/auth/guest}. */
  public Who guest(String name) {
    Reply r = call("POST", "/api/auth/guest", "{\"displayName\":\"" + name + "\"}", null);
    if (r.status() != 201) throw new AssertionError("guest sign-in failed: " + r);
    return new Who(r.json().get("user").get("id").asText(), r.json().get("accessToken").asText(), name);
  }

  /** A new (unverified) account through {@code POST /api/auth/register}. */
  public Who account(String name) {
    String email = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-"
        + Long.toHexString(System.nanoTime()) + "@example.test";
    Reply r = call("POST", "/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\","
        + "\"displayName\":\"" + name + "\"}", null);
    if (r.status() != 201) throw new AssertionError("registration failed: " + r);
    return new Who(r.json().get("user").get("id").asText(), r.json().get("accessToken").asText(), name);
  }

  /** A new room owned by {@code owner} through {@code POST /api/rooms} with {@code json}; its id. */
  public String createRoom(Who owner, String json) {
    Reply r = call("POST", "/api/rooms", json, owner.token());
    if (r.status() != 201) throw new AssertionError("room not created: " + r);
    return r.json().get("id").asText();
  }

  public Reply call(String method, String path, String body, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
      return new Reply(response.statusCode(), type, response.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
