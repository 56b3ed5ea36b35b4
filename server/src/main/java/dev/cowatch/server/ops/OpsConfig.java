package dev.cowatch.server.ops;

/**
 * What the operator's side is given.
 *
 * @param metrics false: nothing is measured (rooms report to {@code RoomMetrics.NONE}, no request is timed)
 *     and {@code /metrics} answers 404; for comparing what measuring costs (bench/run fanout-metrics)
 * @param metricsToken when set, {@code /metrics} answers only requests with {@code Authorization: Bearer <token>};
 *     null: open (keep it on a private network, or behind the proxy's own rules)
 */
public record OpsConfig(boolean metrics, String metricsToken) {
  public OpsConfig {
    if (metricsToken != null && metricsToken.isBlank()) metricsToken = null;
  }

  public static OpsConfig defaults() {
    return new OpsConfig(true, null);
  }
}
