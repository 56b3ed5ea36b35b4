package dev.cowatch.server.ops;

import dev.cowatch.server.ops.trace.OtlpEndpoint;

/**
 * What the operator's side is given.
 *
 * @param metrics false: nothing is measured (rooms report to {@code RoomMetrics.NONE}, no request is timed)
 *     and {@code /metrics} answers 404; for comparing what measuring costs (bench/run fanout-metrics)
 * @param metricsToken when set, {@code /metrics} answers only requests with {@code Authorization: Bearer <token>};
 *     null: open (keep it on a private network, or behind the proxy's own rules)
 * @param otlpEndpoint where traces are exported by OTLP/HTTP; null: no tracing, and no tracing object is made
 */
public record OpsConfig(boolean metrics, String metricsToken, OtlpEndpoint otlpEndpoint) {
  public OpsConfig {
    if (metricsToken != null && metricsToken.isBlank()) metricsToken = null;
  }

  public OpsConfig(boolean metrics, String metricsToken) {
    this(metrics, metricsToken, null);
  }

  public static OpsConfig defaults() {
    return new OpsConfig(true, null);
  }

  /** The same, exporting traces to {@code endpoint}. */
  public OpsConfig withTraces(OtlpEndpoint endpoint) {
    return new OpsConfig(metrics, metricsToken, endpoint);
  }
}
