package dev.cowatch.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guest creating rooms from two clients, each as soon as its last answer came, while a test breaks the database:
 * which rooms the server acknowledged (and when) and what it answered when it did not.
 */
final class RoomCreations implements AutoCloseable {
  private static final Pattern ROOM_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

  /** An answer, how long it took, and when it came ({@link System#nanoTime}). */
  record Answer(int status, String contentType, String body, long millis, long atNanos) {}

  /** A room the server acknowledged, and when. */
  record Acknowledged(String roomId, long atNanos) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Answer> refused = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients;

  private RoomCreations(URI base, String token) {
    this.base = base;
    this.clients = List.of(1, 2).stream().map(n -> Thread.ofPlatform().start(() -> {
      int i = 0;
      while (running.get()) {
        Answer a = post(base.resolve("/api/rooms"), token, "{\"name\":\"r" + n + "-" + i++ + "\"}");
        Matcher m = ROOM_ID.matcher(a.body());
        if (a.status() == 201 && m.find()) acknowledged.add(new Acknowledged(m.group(1), a.atNanos()));
        else refused.add(a);
        pause(40);
      }
    })).toList();
  }

  /** Signs a guest in on the server at {@code base} and starts its two clients. */
  static RoomCreations start(URI base) {
    RoomCreations signIn = new RoomCreations(base);
    Answer guest = signIn.post(base.resolve("/api/auth/guest"), null, "{\"displayName\":\"Ann\"}");
    assertThat(guest.status()).as(guest.body()).isEqualTo(201);
    Matcher t = TOKEN.matcher(guest.body());
    assertThat(t.find()).isTrue();
    return new RoomCreations(base, t.group(1));
  }

  /** No clients: only for signing in. */
  private RoomCreations(URI base) {
    this.base = base;
    this.clients = List.of();
  }

  List<Acknowledged> acknowledged() {
    return List.copyOf(acknowledged);
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** The first room acknowledged after {@code nanos}, if any yet. */
  java.util.Optional<Acknowledged> firstAcknowledgedAfter(long nanos) {
    return acknowledged.stream().filter(a -> a.atNanos() > nanos).findFirst();
  }

  List<Answer> refused() {
    return List.copyOf(refused);
  }

  /** The status of {@code GET path} on the server. */
  int get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Stops the clients after their requests under way. */
  @Override
  public void close() {
    running.set(false);
    try {
      for (Thread c : clients) c.join(45_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Answer post(URI uri, String token, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(40))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) b.header("Authorization", "Bearer " + token);
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      long end = System.nanoTime();
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
          (end - start) / 1_000_000, end);
    } catch (java.io.IOException e) {
      long end = System.nanoTime();
      return new Answer(-1, "", "no answer: " + e, (end - start) / 1_000_000, end);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "", "interrupted", 0, System.nanoTime());
    }
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
