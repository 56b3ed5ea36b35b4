package dev.cowatch.bridge.vlc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * VLC's HTTP interface ({@code --extraintf http}): {@code /requests/status.json} reads the state and
 * takes commands ({@code ?command=pl_forcepause}, {@code seek}, {@code rate} ...). VLC asks for a
 * password and no user name (HTTP basic with an empty user).
 */
public final class VlcHttp {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final URI status;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();

  public VlcHttp(String host, int port, String password) {
    this.status = URI.create("http://" + host + ":" + port + "/requests/status.json");
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** One reading of VLC's state. */
  public record Status(String state, double position, long lengthSeconds, double rate) {
    public boolean playing() {
      return "playing".equals(state);
    }
  }

  public Status status() throws IOException {
    return parse(get(""));
  }

  /** Sends a command and returns the state VLC answers with (its state before the command took effect, often). */
  public Status command(String command, String value) throws IOException {
    String query = "?command=" + command + (value == null ? "" : "&val=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    return parse(get(query));
  }

  private String get(String query) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(status + query)).timeout(TIMEOUT)
        .header("Authorization", authorization).GET().build();
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 401) throw new IOException("VLC refused the password (HTTP 401)");
      if (res.statusCode() != 200) throw new IOException("VLC answered HTTP " + res.statusCode());
      return res.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private Status parse(String body) throws IOException {
    JsonNode n = json.readTree(body);
    if (n == null || !n.isObject()) throw new IOException("VLC sent something that is not its status");
    return new Status(n.path("state").asText("stopped"), n.path("position").asDouble(0), n.path("length").asLong(0),
        n.path("rate").asDouble(1));
  }

  /** True when VLC's HTTP interface answers (any status: it is up). */
  public boolean answers() {
    try {
      status();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
