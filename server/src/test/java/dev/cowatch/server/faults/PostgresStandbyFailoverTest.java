package dev.cowatch.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fault: the PostgreSQL primary dies (SIGKILL, its backends with it) while clients create rooms, and its standby is
 * promoted a second later, as the operator's failover tool does ({@code scripts/pg-standby.sh}, replication
 * synchronous). The server, given both hosts and asking the driver for the primary, writes to the promoted standby by
 * itself; meanwhile it answers 503; and every room it acknowledged before the kill is on the standby, which never
 * heard from the server until it was promoted.
 */
class PostgresStandbyFailoverTest {
  /** The bound on refusing after a PostgreSQL failover (the promotion here comes 1 s after the kill). */
  private static final Duration REFUSAL_BOUND = Duration.ofSeconds(15);
  /** How long the failover tool takes to decide the primary is gone. */
  private static final long PROMOTION_AFTER_MS = 1_000;

  @Test
  void thePrimaryKilledUnderLoad_theStandbyPromoted_theServerWritesAgainWithin15s_andNoAcknowledgedRoomIsLost()
      throws Exception {
    try (PostgresWithStandby pg = PostgresWithStandby.start(true);
        TestServer server = new TestServer(TestServer.tempDir(), new DatabaseConfig(pg.jdbcUrl(), "postgres", "", 4))) {
      RoomCreations load = RoomCreations.start(server.baseUri());
      long killedAt;
      long refusedMs = -1;
      try (load) {
        RoomCreations.pause(1_500);
        pg.killPrimary();
        killedAt = System.nanoTime();
        RoomCreations.pause(PROMOTION_AFTER_MS);
        pg.promoteStandby();
        while (System.nanoTime() - killedAt < Duration.ofSeconds(40).toNanos()) {
          var back = load.firstAcknowledgedAfter(killedAt);
          if (back.isPresent()) {
            refusedMs = (back.get().atNanos() - killedAt) / 1_000_000;
            break;
          }
          RoomCreations.pause(50);
        }
        RoomCreations.pause(500);
      }

      List<RoomCreations.Acknowledged> acknowledged = load.acknowledged();
      long beforeKill = acknowledged.stream().filter(a -> a.atNanos() < killedAt).count();
      Set<String> onStandby = roomsOn(pg.standbyUrl(), acknowledged);
      System.out.printf("postgres-failover: refused for %d ms after the primary was killed (promoted after %d ms); "
          + "acknowledged %d (%d before the kill), on the promoted standby %d, refused answers %d%n", refusedMs,
          PROMOTION_AFTER_MS, acknowledged.size(), beforeKill, onStandby.size(), load.refused().size());

      assertThat(beforeKill).as("the load ran before the kill").isGreaterThan(5);
      assertThat(refusedMs).as("the server wrote again, to the promoted standby").isNotNegative();
      assertThat(refusedMs).as("refused for, ms").isLessThanOrEqualTo(REFUSAL_BOUND.toMillis());
      assertThat(onStandby).as("every acknowledged room is on the promoted standby")
          .containsExactlyInAnyOrderElementsOf(acknowledged.stream().map(RoomCreations.Acknowledged::roomId).toList());
      for (RoomCreations.Answer a : load.refused()) {
        assertThat(a.status()).as(a.body()).isEqualTo(503);
        assertThat(a.body()).contains("database-unavailable").doesNotContain("Exception");
      }
    }
  }

  /** Which of the acknowledged rooms the database at {@code url} has. */
  private static Set<String> roomsOn(String url, List<RoomCreations.Acknowledged> rooms) throws Exception {
    Set<String> found = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        PreparedStatement q = c.prepareStatement("select id from rooms where id = any(?)")) {
      q.setArray(1, c.createArrayOf("varchar", rooms.stream().map(RoomCreations.Acknowledged::roomId).toArray()));
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) found.add(r.getString(1));
      }
    }
    return found;
  }
}
