package dev.cowatch.server.platform.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Liveness ({@code /api/health}) and readiness ({@code /api/ready}) for operators and load balancers. */
public final class HealthRoutes {
  /**
   * The build's version, from a resource Maven fills in: the jar's manifest has none, and classes run
   * from a build directory have no manifest at all (both left {@code version} out).
   */
  static final String VERSION = readVersion();
  private final long startedAtMs;
  private final IntSupplier rooms;
  private final IntSupplier connections;
  private final BooleanSupplier ready;
  private final java.time.Clock clock;

  public HealthRoutes(java.time.Clock clock, IntSupplier rooms, IntSupplier connections, BooleanSupplier ready) {
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

  public void ready(Context ctx) {
    if (ready.getAsBoolean()) {
      ctx.contentType("application/json").result("{\"status\":\"ready\"}");
    } else {
      Problem.send(ctx, 503, "not-ready", "Not ready", "starting or stopping");
    }
  }

  private static String readVersion() {
    try (java.io.InputStream in = HealthRoutes.class.getResourceAsStream("/cowatch-version.properties")) {
      if (in == null) return "unknown";
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
