package dev.cowatch.server.ops.metrics;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cowatch.server.ops.health.ReadinessChecks;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.mail.MailOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Figures read when Prometheus scrapes, never kept up to date on a hot path: rooms live, members
 * connected by client kind, the mail queue, the database pool. Each source is read once per scrape
 * even when several gauges show it ({@link Snapshot}).
 */
public final class ServerGauges {
  /** Mail due this long and still unsent counts as late: the same line readiness draws. */
  static final long MAIL_LATE_MS = ReadinessChecks.MAIL_LATE_MS;

  private ServerGauges() {}

  public static void rooms(MeterRegistry registry, IntSupplier roomsLive, Supplier<Map<String, Integer>> membersByKind,
      Clock clock) {
    Gauge.builder("cowatch.rooms.live", roomsLive::getAsInt)
        .description("Rooms held in this node's memory (in use, or used within the last minute)").register(registry);
    Snapshot<Map<String, Integer>> members = new Snapshot<>(membersByKind, clock);
    for (String kind : membersByKind.get().keySet()) {
      Gauge.builder("cowatch.members.connected", () -> members.get().getOrDefault(kind, 0))
          .description("Members connected to this node, by kind of client").tag("client", kind).register(registry);
    }
  }

  /** Hellos waiting for one of the node's turns ({@code --joins-at-once}): a crowd arriving, or a node behind. */
  public static void joins(MeterRegistry registry, IntSupplier waiting) {
    Gauge.builder("cowatch.joins.waiting", waiting::getAsInt)
        .description("Hellos (joins, resumes) waiting for this node to answer them").register(registry);
  }

  public static void mail(MeterRegistry registry, MailOutbox outbox, Clock clock) {
    Snapshot<MailOutbox.Depth> depth = new Snapshot<>(() -> outbox.depth(clock.millis(), MAIL_LATE_MS), clock);
    gauge(registry, "cowatch.mail.outbox.unsent", "Mail waiting to be sent", depth, MailOutbox.Depth::unsent);
    gauge(registry, "cowatch.mail.outbox.late", "Mail due for over 5 minutes and still unsent", depth,
        MailOutbox.Depth::late);
    gauge(registry, "cowatch.mail.outbox.given.up", "Mail given up on after every attempt failed", depth,
        MailOutbox.Depth::givenUp);
  }

  public static void pool(MeterRegistry registry, Database database) {
    poolGauge(registry, "cowatch.db.connections.active", "Database connections in use", database, HikariPoolMXBean::getActiveConnections);
    poolGauge(registry, "cowatch.db.connections.idle", "Database connections open and idle", database, HikariPoolMXBean::getIdleConnections);
    poolGauge(registry, "cowatch.db.connections.open", "Database connections open", database, HikariPoolMXBean::getTotalConnections);
    poolGauge(registry, "cowatch.db.connections.pending", "Threads waiting for a database connection", database,
        HikariPoolMXBean::getThreadsAwaitingConnection);
  }

  private static <T> void gauge(MeterRegistry registry, String name, String description, Snapshot<T> source,
      ToDoubleFunction<T> figure) {
    Gauge.builder(name, () -> {
      T now = source.get();
      return now == null ? Double.NaN : figure.applyAsDouble(now);
    }).description(description).register(registry);
  }

  private static void poolGauge(MeterRegistry registry, String name, String description, Database database,
      ToDoubleFunction<HikariPoolMXBean> figure) {
    Gauge.builder(name, () -> {
      Optional<HikariPoolMXBean> pool = database.poolFigures();
      return pool.isEmpty() ? Double.NaN : figure.applyAsDouble(pool.get());
    }).description(description).register(registry);
  }
}
