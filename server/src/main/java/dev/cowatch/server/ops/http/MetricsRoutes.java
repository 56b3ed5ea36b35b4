package dev.cowatch.server.ops.http;

import dev.cowatch.server.platform.http.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} in Prometheus's text format, outside {@code /api} where scrapers look for it. With a
 * token configured, a request must carry it as a bearer token (compared in constant time).
 */
public final class MetricsRoutes {
  public static final String PATH = "/metrics";
  /** Prometheus's text exposition format 0.0.4: what every Prometheus since 2.0 reads. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final byte[] token;

  /** {@code registry} null: metrics are off, and {@code /metrics} says so. */
  public MetricsRoutes(PrometheusMeterRegistry registry, String token) {
    this.registry = registry;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  public void register(RoutesConfig routes) {
    routes.get(PATH, this::scrape);
  }

  void scrape(Context ctx) {
    if (registry == null) {
      Problem.send(ctx, 404, "not-found", "Not found", "metrics are off on this server (--no-metrics)");
      return;
    }
    if (token != null && !authorized(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
      Problem.send(ctx, 401, "unauthorized", "Unauthorized", "/metrics needs the metrics token as a bearer token");
      return;
    }
    ctx.contentType(CONTENT_TYPE).result(registry.scrape());
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Bearer ")) return false;
    byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }
}
