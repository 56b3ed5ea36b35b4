package dev.cowatch.server.ops;

import dev.cowatch.server.ops.http.EdgeObservations;
import dev.cowatch.server.ops.http.HealthRoutes;
import dev.cowatch.server.ops.http.MetricsRoutes;
import dev.cowatch.server.ops.http.RequestIds;
import dev.cowatch.server.ops.metrics.HttpMetrics;
import dev.cowatch.server.ops.metrics.JvmFigures;
import dev.cowatch.server.ops.metrics.MicrometerRoomMetrics;
import dev.cowatch.server.ops.metrics.ServerGauges;
import dev.cowatch.server.ops.trace.HttpTraces;
import dev.cowatch.server.ops.trace.OtelTracing;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.http.EdgeRequests;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomModule;
import dev.cowatch.server.room.metrics.RoomMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.RequestLogger;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The operator's side of the server: metrics at {@code /metrics} (docs/operations.md, "Metrics"). It is
 * made first, so that other modules can be handed the ports it fills in ({@link #roomMetrics()}), and is
 * shown what to watch once they exist ({@link #watch}). Nothing in the rooms or the core knows Micrometer.
 */
public final class OpsModule implements AutoCloseable {
  private final OpsConfig config;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerRoomMetrics roomMetrics = new MicrometerRoomMetrics(registry);
  private final HttpMetrics http = new HttpMetrics(registry);
  private final JvmFigures jvm = new JvmFigures();
  private final Clock clock;
  /** Null unless an OTLP endpoint is configured: tracing off makes no SDK object at all. */
  private final OtelTracing traces;

  /** One counter of request ids for Javalin's requests and those answered in front of it. */
  private final RequestIds requestIds = new RequestIds();
  /** Null unless tracing. */
  private final HttpTraces httpTraces;

  private OpsModule(OpsConfig config, Clock clock, OtelTracing traces) {
    this.config = config;
    this.clock = clock;
    this.traces = traces;
    this.httpTraces = traces == null ? null : new HttpTraces(traces);
  }

  /** @param ids where this process's {@code service.instance.id} comes from, asked only when traces are on */
  public static OpsModule create(OpsConfig config, Clock clock, Ids ids) {
    OtelTracing traces = config.otlpEndpoint() == null ? null
        : OtelTracing.exportingTo(config.otlpEndpoint(), ids.recordId(), HealthRoutes.VERSION);
    return new OpsModule(config, clock, traces);
  }

  /** What rooms trace: their intents and decisions ({@link Tracing#OFF} without an OTLP endpoint). */
  public Tracing tracing() {
    return traces == null ? Tracing.OFF : traces;
  }

  /** What rooms and their sockets report. */
  public RoomMetrics roomMetrics() {
    return config.metrics() ? roomMetrics : RoomMetrics.NONE;
  }

  /** Javalin's request logger: every HTTP request by route template, status and latency. */
  public RequestLogger requestLogger() {
    return config.metrics() ? http : (ctx, ms) -> { };
  }

  /**
   * Gauges over what the other modules hold, read when scraped.
   *
   * @param syncplayClients Syncplay clients connected to this node (its own endpoint, not a room socket)
   */
  public void watch(RoomModule rooms, IntSupplier syncplayClients, MailOutbox outbox, Database database) {
    Supplier<Map<String, Integer>> members = () -> {
      Map<String, Integer> byKind = new LinkedHashMap<>(rooms.socket().membersByClientKind());
      byKind.put("syncplay", syncplayClients.getAsInt());
      return byKind;
    };
    ServerGauges.rooms(registry, rooms.service().queries()::roomCount, members, clock);
    ServerGauges.joins(registry, rooms.socket()::joinsWaiting);
    ServerGauges.mail(registry, outbox, clock);
    ServerGauges.pool(registry, database);
  }

  /**
   * JVM and process figures, bound on {@code background}: their MXBeans take tens of milliseconds to
   * come up, which a start need not wait for (the first scrape may miss them, none after).
   */
  public void start(Executor background) {
    if (config.metrics()) background.execute(() -> jvm.bindTo(registry));
  }

  /** The same for requests answered in front of Javalin (media streams). */
  public EdgeRequests edgeRequests() {
    return new EdgeObservations(requestIds, httpTraces, config.metrics() ? http : null);
  }

  /** {@code /metrics}, an id for every request (in the log and the answer), and its span when tracing. */
  public void registerRoutes(RoutesConfig routes) {
    requestIds.register(routes);
    if (httpTraces != null) httpTraces.register(routes);
    new MetricsRoutes(config.metrics() ? registry : null, config.metricsToken()).register(routes);
  }

  /** For tests and the scrape itself. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    if (traces != null) traces.close();
    jvm.close();
    registry.close();
  }
}
