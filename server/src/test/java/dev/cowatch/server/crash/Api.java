package dev.cowatch.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The HTTP API as a client written from docs/api.md sees it: a status, headers and a JSON body. */
final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;

  Api(URI base) {
    this.base = base;
  }

  record Response(int status, HttpResponse<String> raw, JsonNode body) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  Response send(String method, String path, String token, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (token != null) b.header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
        ? JSON.nullNode() : JSON.readTree(r.body());
    return new Response(r.statusCode(), r, json);
  }

  Response send(String method, String path, String token, Object body) throws IOException, InterruptedException {
    return send(method, path, token, body, Map.of());
  }

  /** A tus PATCH: {@code bytes} appended at {@code offset} of the upload at {@code path}. */
  Response sendBytes(String path, String token, long offset, byte[] bytes) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
        .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", String.valueOf(offset))
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r, JSON.nullNode());
  }

  /** The response, if it has {@code status}; else an exception saying what came instead. */
  static Response expect(int status, Response r) {
    if (r.status() != status) {
      throw new IllegalStateException("expected " + status + " but got " + r.status() + ": " + r.raw().body());
    }
    return r;
  }
}
