package dev.cowatch.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.bench.faults.History.Answered;
import dev.cowatch.bench.faults.History.Outcome;
import dev.cowatch.bench.faults.History.Sent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A fault run's operations over HTTP, through the load balancer, each recorded as sent and answered: a 2xx
 * acknowledges; 503 (and nginx's 502, no node took it) refuses for the deployment's state; another 4xx declines;
 * no answer, a timeout or nginx's 504 leaves it unknown.
 */
final class HttpOps {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "fault run password 1";
  private final URI base;
  private final Recorder recorder;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Each recorded operation not acknowledged, with what the deployment said: for finding out why. */
  private final java.util.Queue<String> refusals = new java.util.concurrent.ConcurrentLinkedQueue<>();

  HttpOps(URI base, Recorder recorder) {
    this.base = base;
    this.recorder = recorder;
  }

  /** What was said to each recorded operation that was not acknowledged, in order. */
  java.util.List<String> refusals() {
    return java.util.List.copyOf(refusals);
  }

  /** A guest's access token and user id, asked until the deployment answers (setting up, not recorded). */
  String[] guest(String name) throws IOException, InterruptedException {
    JsonNode session = untilAnswered("POST", "/api/auth/guest", null, "{\"displayName\":\"" + name + "\"}");
    return new String[] {session.path("accessToken").asText(), session.path("user").path("id").asText()};
  }

  /** Someone with an account of their own, signed in (setting up, not recorded). */
  Person person(String name) throws IOException, InterruptedException {
    String email = "person-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + "@example.org";
    JsonNode session = untilAnswered("POST", "/api/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\",\"displayName\":\"" + name + "\"}");
    return new Person(this, email, session.path("user").path("id").asText(), session.path("accessToken").asText());
  }

  /** A new access token for the account {@code email}, or null when no node gave one (not recorded). */
  String signIn(String email) {
    try {
      HttpResponse<String> r = send("POST", "/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\""
          + PASSWORD + "\"}");
      return r.statusCode() == 200 ? JSON.readTree(r.body()).path("accessToken").asText() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** A room owned by {@code token}'s user; its id. The timeline never waits for players (these clients have none). */
  String room(String token, String name) throws IOException, InterruptedException {
    return untilAnswered("POST", "/api/rooms", token, "{\"name\":\"" + name
        + "\",\"bufferingPolicy\":\"neverWait\",\"mediaId\":\"https://media.example.org/faults.mp4\"}")
        .path("id").asText();
  }

  /** A room with the defaults a person gets, playing {@code mediaId}; its id. */
  String roomWithMedia(String token, String name, String mediaId) throws IOException, InterruptedException {
    return untilAnswered("POST", "/api/rooms", token, "{\"name\":\"" + name + "\",\"mediaId\":\"" + mediaId + "\"}")
        .path("id").asText();
  }

  /** The room as its member {@code token} reads it, or null when no node answered. */
  JsonNode readRoom(String token, String room) throws InterruptedException {
    try {
      HttpResponse<String> r = send("GET", "/api/rooms/" + room, token, null);
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The room's users and their roles, or null when no node answered. */
  JsonNode members(String token, String room) throws InterruptedException {
    try {
      HttpResponse<String> r = send("GET", "/api/rooms/" + room + "/members", token, null);
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the account signs in; null when no node answered. */
  Boolean signsIn(String email) throws InterruptedException {
    try {
      int status = send("POST", "/api/auth/login", null,
          "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").statusCode();
      if (status == 200) return true;
      return status >= 500 || status == 429 ? null : false;
    } catch (IOException e) {
      return null;
    }
  }

  /** A recorded operation: {@code kind} and {@code durableKey} as the checker reads them. */
  Outcome recorded(String client, String room, String kind, String durableKey, String method, String path,
      String token, String body) throws InterruptedException {
    long op = recorder.nextOp();
    recorder.add(new Sent(recorder.nowMs(), client, room, op, kind, durableKey));
    Outcome outcome;
    try {
      HttpResponse<String> r = send(method, path, token, body);
      int status = r.statusCode();
      outcome = status / 100 == 2 ? Outcome.ACKED
          : status == 503 || status == 502 ? Outcome.UNAVAILABLE
          : status >= 500 ? Outcome.UNKNOWN : Outcome.DECLINED;
      if (outcome != Outcome.ACKED) refusals.add(recorder.nowMs() + " op " + op + " " + method + " " + path + ": " + status
          + " " + r.body());
    } catch (IOException e) {
      outcome = Outcome.UNKNOWN;
      refusals.add(recorder.nowMs() + " op " + op + " " + method + " " + path + ": " + e);
    }
    recorder.add(new Answered(recorder.nowMs(), client, op, outcome, -1, null));
    return outcome;
  }

  private JsonNode untilAnswered(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        HttpResponse<String> r = send(method, path, token, body);
        if (r.statusCode() / 100 == 2) return JSON.readTree(r.body());
        last = new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(500);
    }
    throw last;
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(8))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
