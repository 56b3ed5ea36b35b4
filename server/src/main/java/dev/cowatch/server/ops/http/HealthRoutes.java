package dev.cowatch.server.ops.http;

import dev.cowatch.server.ops.health.Check;
import dev.cowatch.server.ops.health.ReadinessChecks;
import dev.cowatch.server.platform.http.Json;
import dev.cowatch.server.platform.http.Problem;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Liveness ({@code /api/health}) and readiness ({@code /api/ready}) for operators and load balancers. */
public final class HealthRoutes {
  /**
   * The build's version, from a resource Maven fills in: the jar's manifest has none, and classes run
   * from a build directory have no manifest at all (both left {@code version} out).
   */
  public static final String VERSION = dev.cowatch.server.platform.BuildVersion.current();
  private final long startedAtMs;
  private final IntSupplier rooms;
  private final IntSupplier connections;
  private final BooleanSupplier ready;
  private final ReadinessChecks checks;
  private final java.time.Clock clock;

  /** {@code ready}: started and not stopping; {@code checks}: what else readiness needs. */
  public HealthRoutes(java.time.Clock clock, IntSupplier rooms, IntSupplier connections, BooleanSupplier ready,
      ReadinessChecks checks) {
    this.checks = checks;
    this.clock = clock;
    this.startedAtMs = clock.millis();
    this.rooms = rooms;
    this.connections = connections;
    this.ready = ready;
  }

  public void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "up");
    body.put("version", VERSION);
    body.put("uptimeMs", clock.millis() - startedAtMs);
    body.put("rooms", rooms.getAsInt());
    body.put("connections", connections.getAsInt());
    ctx.contentType("application/json").result(Json.write(body));
  }

  /**
   * 200 when started and every check is up or degraded, with each check's figures; 503 problem+json
   * otherwise, its detail naming every reason and its {@code checks} member the same figures.
   */
  public void ready(Context ctx) {
    if (!ready.getAsBoolean()) {
      Problem.send(ctx, 503, "not-ready", "Not ready", "starting or stopping");
      return;
    }
    List<Check> results = checks.run();
    Map<String, Object> byName = new LinkedHashMap<>();
    List<String> down = new java.util.ArrayList<>();
    boolean degraded = false;
    for (Check c : results) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
      if (c.reason() != null) v.put("reason", c.reason());
      v.putAll(c.figures());
      byName.put(c.name(), v);
      if (c.status() == Check.Status.DOWN) down.add(c.name() + ": " + c.reason());
      if (c.status() == Check.Status.DEGRADED) degraded = true;
    }
    if (!down.isEmpty()) {
      Problem.send(ctx, 503, "not-ready", "Not ready", String.join("; ", down), Map.of("checks", byName));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", degraded ? "degraded" : "ready");
    body.put("checks", byName);
    ctx.contentType("application/json").result(Json.write(body));
  }

}
