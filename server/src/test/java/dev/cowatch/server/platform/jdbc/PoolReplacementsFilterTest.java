package dev.cowatch.server.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PoolReplacementsFilterTest {
  private static final String HIKARI_WARNING =
      "{} - Failed to validate connection {} ({}). Possibly consider using a shorter maxLifetime value.";

  private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  PoolReplacementsFilterTest() {
    PoolReplacementsFilter filter = new PoolReplacementsFilter(nanos::get);
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    lines.setContext(context);
    lines.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(lines);
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
  }

  private void hikariFindsADeadConnection() {
    context.getLogger(PoolReplacementsFilter.HIKARI_POOL_BASE).warn(HIKARI_WARNING, "cowatch-db",
        "org.postgresql.jdbc.PgConnection@5e1f", "This connection has been closed.");
  }

  @Test
  void aFailoversDeadConnections_areOneLineOfOurs_withTheCount_thenAnotherAfterTenSeconds() {
    for (int i = 0; i < 10; i++) hikariFindsADeadConnection();
    assertThat(lines.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).isEqualTo("cowatch-db: connections that no longer answered were replaced "
          + "(1 since this node started; the last: This connection has been closed.); expected after the database "
          + "restarted or failed over");
    });
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(11));
    hikariFindsADeadConnection();
    assertThat(lines.list).hasSize(2);
    assertThat(lines.list.get(1).getFormattedMessage()).contains("(11 since this node started;");
  }

  @Test
  void hikarisOtherWords_andOtherLoggers_passAsTheyAre() {
    context.getLogger(PoolReplacementsFilter.HIKARI_POOL_BASE).warn("{} - something else", "cowatch-db");
    context.getLogger("com.zaxxer.hikari.pool.HikariPool").warn(HIKARI_WARNING, "cowatch-db", "c", "closed");
    context.getLogger(PoolReplacementsFilter.HIKARI_POOL_BASE).info(HIKARI_WARNING, "cowatch-db", "c", "closed");
    assertThat(lines.list).extracting(ILoggingEvent::getLoggerName).containsExactly(
        PoolReplacementsFilter.HIKARI_POOL_BASE, "com.zaxxer.hikari.pool.HikariPool", PoolReplacementsFilter.HIKARI_POOL_BASE);
  }
}
