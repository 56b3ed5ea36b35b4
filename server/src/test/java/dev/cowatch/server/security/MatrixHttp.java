package dev.cowatch.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One HTTP client for the whole matrix (connections are reused), sending requests as {@link Request}s. */
final class MatrixHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  /**
   * The request before, with its status and Connection header: once (2026-11-27, a whole-suite run) a POST met a
   * connection the server had closed without answering ("header parser received no bytes"), which the JDK client does
   * not retry for a POST; what came before on the client is the first thing to know when it happens again.
   */
  private volatile String previous = "none";

  MatrixHttp(URI base) {
    this.base = base;
  }

  /** What to send; {@code body} null for none; {@code headers} besides Authorization. */
  record Request(String method, String pathAndQuery, Map<String, String> headers, String body) {
    static Request of(String method, String pathAndQuery, String jsonBody) {
      return new Request(method, pathAndQuery,
          jsonBody == null ? Map.of() : Map.of("Content-Type", "application/json"), jsonBody);
    }
  }

  /** The answer: its status, its problem type (null unless problem+json) and its JSON body (null unless JSON). */
  record Answer(int status, String problemType, JsonNode json, java.net.http.HttpHeaders headers) {
    /** As the table writes answers: {@code 200}, {@code 403:invite-required}. */
    String written() {
      return problemType == null ? Integer.toString(status) : status + ":" + problemType;
    }
  }

  Answer send(Request r, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(r.pathAndQuery())).timeout(Duration.ofSeconds(10))
        .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(r.body(), StandardCharsets.UTF_8));
    r.headers().forEach(b::header);
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = type.contains("json") && response.body().length > 0 ? JSON.readTree(response.body()) : null;
      String problem = type.startsWith("application/problem+json") && json != null && json.has("type")
          ? json.get("type").asText().replaceAll(".*/", "") : null;
      previous = r.method() + " " + r.pathAndQuery() + " -> " + response.statusCode() + ", Connection: "
          + response.headers().firstValue("Connection").orElse("(none)") + ", at " + java.time.Instant.now();
      return new Answer(response.statusCode(), problem, json, response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(r.method() + " " + r.pathAndQuery() + " at " + java.time.Instant.now()
          + "; the request before: " + previous, e);
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
