package dev.cowatch.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
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
import org.junit.jupiter.api.Test;

/**
 * Fault: PostgreSQL crashes (immediate stop: every connection broken) while clients create rooms, and
 * comes back a few seconds later. A private cluster, never the shared one.
 */
class PostgresRestartTest {
  private static final Pattern ROOM_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
  /** An answer slower than this during the outage counts as a hang. */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(8);

  private record Answer(int status, String contentType, String body, long millis) {}

  @Test
  void databaseRestartUnderLoad_answers503Meanwhile_recoversByItself_andKeepsEveryAcknowledgedRoom() throws Exception {
    try (PrivatePostgres pg = PrivatePostgres.start();
        TestServer server = new TestServer(TestServer.tempDir(),
            new DatabaseConfig(pg.jdbcUrl(), "postgres", "", 4))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI base = server.baseUri();
      Answer guest = post(http, base.resolve("/api/auth/guest"), null, "{\"displayName\":\"Ann\"}");
      assertThat(guest.status()).isEqualTo(201);
      Matcher t = TOKEN.matcher(guest.body());
      assertThat(t.find()).isTrue();
      String token = t.group(1);

      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Answer> refused = new ConcurrentLinkedQueue<>();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> load = List.of(1, 2).stream().map(n -> Thread.ofPlatform().start(() -> {
        int i = 0;
        while (running.get()) {
          Answer a = post(http, base.resolve("/api/rooms"), token, "{\"name\":\"r" + n + "-" + i++ + "\"}");
          if (a.status() == 201) {
            Matcher m = ROOM_ID.matcher(a.body());
            if (m.find()) acknowledged.add(m.group(1));
          } else {
            refused.add(a);
          }
          sleep(40);
        }
      })).toList();

      sleep(1500);
      int beforeCrash = acknowledged.size();
      pg.crash();
      sleep(3000);
      int duringOutage = acknowledged.size();
      pg.startAgain();
      long restartedAt = System.nanoTime();
      while (acknowledged.size() <= duringOutage + 5 && System.nanoTime() - restartedAt < 20_000_000_000L) sleep(100);
      long recoveryMs = (System.nanoTime() - restartedAt) / 1_000_000;
      running.set(false);
      for (Thread th : load) th.join(15_000);

      System.out.printf("postgres restart: acknowledged=%d (before crash %d) refused=%d recovery_ms=%d%n",
          acknowledged.size(), beforeCrash, refused.size(), recoveryMs);
      assertThat(beforeCrash).as("the load ran before the crash").isGreaterThan(5);
      assertThat(acknowledged.size()).as("rooms created again after the restart, without a server restart")
          .isGreaterThan(duringOutage + 5);
      assertThat(refused).as("requests refused during the outage").isNotEmpty();
      for (Answer a : refused) {
        assertThat(a.status()).as(a.body()).isEqualTo(503);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).contains("database-unavailable").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(a.millis()).as("no hang").isLessThan(ANSWER_WITHIN.toMillis());
      }
      for (String id : acknowledged) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/rooms/" + id)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("acknowledged room " + id).isEqualTo(200);
      }
    }
  }

  private static Answer post(HttpClient http, URI uri, String token, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(40))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) b.header("Authorization", "Bearer " + token);
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (java.io.IOException e) {
      return new Answer(-1, "", "no answer: " + e, (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "", "interrupted", 0);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
