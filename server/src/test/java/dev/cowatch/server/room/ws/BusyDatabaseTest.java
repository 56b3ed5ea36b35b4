package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A hello's work is tried again while the database is too busy, and only then. */
class BusyDatabaseTest {
  private final AtomicInteger tries = new AtomicInteger();

  private static RuntimeException busy() {
    return new IllegalStateException("pool", new SQLTransientConnectionException("no connection within 3000 ms"));
  }

  @Test
  void aBusyDatabase_isTriedAgain_untilItAnswers() {
    String page = BusyDatabase.retried(() -> {
      if (tries.incrementAndGet() < 3) throw busy();
      return "page";
    });

    assertThat(page).isEqualTo("page");
    assertThat(tries).hasValue(3);
  }

  @Test
  void aDatabaseBusyEveryTime_endsWithItsFailure_afterTheLastTry() {
    assertThatThrownBy(() -> BusyDatabase.retried(() -> {
      tries.incrementAndGet();
      throw busy();
    })).hasCauseInstanceOf(SQLTransientConnectionException.class);
    assertThat(tries).hasValue(BusyDatabase.PAUSES_MS.length + 1);
  }

  @Test
  void anythingElse_isNotTriedAgain() {
    assertThatThrownBy(() -> BusyDatabase.retried(() -> {
      tries.incrementAndGet();
      throw new IllegalArgumentException("a bug");
    })).isInstanceOf(IllegalArgumentException.class);
    assertThat(tries).hasValue(1);
  }
}
