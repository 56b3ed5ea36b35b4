package dev.cowatch.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.FakeClock;
import dev.cowatch.server.CowatchServer;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.account.AccountConfig;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.mail.SmtpConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The real server on a random port with a fake clock (and, when given, mail to an SMTP port), plus a
 * small JSON client for the identity API.
 */
final class AccountServer implements AutoCloseable {
  static final String PUBLIC_URL = "https://watch.example.test";
  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeClock clock = FakeClock.atFixedStart();
  final CowatchServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Mails go to the log. */
  AccountServer() {
    this(a -> a);
  }

  /** Mails go to the SMTP server on 127.0.0.1:{@code smtpPort}, without TLS. */
  AccountServer(int smtpPort) {
    this(a -> a.withSmtp(new SmtpConfig("127.0.0.1", smtpPort, null, null, "cowatch@example.test", false)));
  }

  AccountServer(UnaryOperator<AccountConfig> accounts) {
    try {
      ServerConfig config = ServerConfig.ephemeral(Files.createTempDirectory("cowatch-accounts"))
          .accounts(a -> accounts.apply(a.withPublicUrl(PUBLIC_URL))).build();
      server = new CowatchServer(config, clock, Ids.secure()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response: status, headers, and the body parsed as JSON (missing node when empty). */
  record Reply(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String text(String pointer) {
      return json().at(pointer).asText();
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    /** The problem type's slug, e.g. {@code invalid-credentials}. */
    String problem() {
      return text("/type").replace("https://cowatch.dev/problems/", "");
    }
  }

  Reply post(String path, String json) {
    return post(path, json, null);
  }

  Reply post(String path, String json, String accessToken) {
    return send(request(path, accessToken).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply patch(String path, String json, String accessToken) {
    return send(request(path, accessToken).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply get(String path, String accessToken) {
    return send(request(path, accessToken).GET());
  }

  private HttpRequest.Builder request(String path, String accessToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
    if (accessToken != null) b.header("Authorization", "Bearer " + accessToken);
    return b;
  }

  private Reply send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public void close() {
    http.close();
    server.close();
  }
}
