package dev.cowatch.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault: PostgreSQL crashes (immediate stop: every connection broken) while clients create rooms, and
 * comes back a few seconds later. A private cluster, never the shared one.
 */
class PostgresRestartTest {
  /** An answer slower than this during the outage counts as a hang. */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(8);

  @Test
  void databaseRestartUnderLoad_answers503Meanwhile_recoversByItself_andKeepsEveryAcknowledgedRoom() throws Exception {
    try (PrivatePostgres pg = PrivatePostgres.start();
        TestServer server = new TestServer(TestServer.tempDir(),
            new DatabaseConfig(pg.jdbcUrl(), "postgres", "", 4))) {
      RoomCreations load = RoomCreations.start(server.baseUri());
      int beforeCrash;
      int duringOutage;
      long recoveryMs;
      try (load) {
        RoomCreations.pause(1500);
        beforeCrash = load.acknowledgedCount();
        pg.crash();
        RoomCreations.pause(3000);
        duringOutage = load.acknowledgedCount();
        pg.startAgain();
        long restartedAt = System.nanoTime();
        while (load.acknowledgedCount() <= duringOutage + 5 && System.nanoTime() - restartedAt < 20_000_000_000L) {
          RoomCreations.pause(100);
        }
        recoveryMs = (System.nanoTime() - restartedAt) / 1_000_000;
      }

      System.out.printf("postgres restart: acknowledged=%d (before crash %d) refused=%d recovery_ms=%d%n",
          load.acknowledgedCount(), beforeCrash, load.refused().size(), recoveryMs);
      assertThat(beforeCrash).as("the load ran before the crash").isGreaterThan(5);
      assertThat(load.acknowledgedCount()).as("rooms created again after the restart, without a server restart")
          .isGreaterThan(duringOutage + 5);
      assertThat(load.refused()).as("requests refused during the outage").isNotEmpty();
      for (RoomCreations.Answer a : load.refused()) {
        assertThat(a.status()).as(a.body()).isEqualTo(503);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).contains("database-unavailable").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(a.millis()).as("no hang").isLessThan(ANSWER_WITHIN.toMillis());
      }
      for (RoomCreations.Acknowledged room : load.acknowledged()) {
        assertThat(load.get("/api/rooms/" + room.roomId())).as("acknowledged room " + room.roomId()).isEqualTo(200);
      }
    }
  }
}
