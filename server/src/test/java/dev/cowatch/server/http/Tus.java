package dev.cowatch.server.http;

import dev.cowatch.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A tus 1.0.0 client for tests, speaking plain HTTP to a test server the way tus-js-client does. */
final class Tus implements AutoCloseable {
  private final TestServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Tus(TestServer server) {
    this.server = server;
  }

  record Reply(int status, HttpResponse<String> response) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String problemType() {
      String body = response.body();
      int at = body.indexOf("problems/");
      return at < 0 ? null : body.substring(at + 9, body.indexOf('"', at));
    }

    long offset() {
      return Long.parseLong(header("Upload-Offset"));
    }
  }

  static Map<String, String> meta(String fileName, String sha256) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("filename", fileName);
    if (sha256 != null) m.put("sha256", sha256);
    return m;
  }

  static String metadataHeader(Map<String, String> meta) {
    return meta.entrySet().stream().map(e -> e.getKey() + " "
        + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.joining(","));
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Reply create(String token, long length, Map<String, String> meta) {
    HttpRequest.Builder b = request("/api/uploads", token).header("Upload-Length", Long.toString(length))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (meta != null && !meta.isEmpty()) b.header("Upload-Metadata", metadataHeader(meta));
    return send(b);
  }

  /** Creates an upload and answers its media id. */
  String created(String token, byte[] data, String fileName, boolean withSha) {
    Reply r = create(token, data.length, meta(fileName, withSha ? sha256(data) : null));
    if (r.status() != 201) throw new AssertionError("creation failed: " + r.status() + " " + r.response().body());
    return r.header("Cowatch-Media-Id");
  }

  Reply patch(String token, String id, long offset, byte[] data, int from, int to) {
    return send(request("/api/uploads/" + id, token).header("Upload-Offset", Long.toString(offset))
        .header("Content-Type", "application/offset+octet-stream")
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data, from, to - from)));
  }

  Reply head(String token, String id) {
    return send(request("/api/uploads/" + id, token).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  Reply delete(String token, String id) {
    return send(request("/api/uploads/" + id, token).DELETE());
  }

  Reply options() {
    return send(HttpRequest.newBuilder(server.baseUri().resolve("/api/uploads")).timeout(Duration.ofSeconds(30))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  /** Creates and sends the whole file in one PATCH; answers the media id. */
  String upload(String token, byte[] data, String fileName) {
    String id = created(token, data, fileName, true);
    Reply r = patch(token, id, 0, data, 0, data.length);
    if (r.status() != 204) throw new AssertionError("PATCH failed: " + r.status() + " " + r.response().body());
    return id;
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Tus-Resumable", "1.0.0");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  Reply send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r);
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
