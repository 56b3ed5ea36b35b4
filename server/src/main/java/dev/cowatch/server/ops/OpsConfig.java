package dev.cowatch.server.ops;

/**
 * What the operator's side is given.
 *
 * @param metricsToken when set, {@code /metrics} answers only requests with {@code Authorization: Bearer <token>};
 *     null: open (keep it on a private network, or behind the proxy's own rules)
 */
public record OpsConfig(String metricsToken) {
  public OpsConfig {
    if (metricsToken != null && metricsToken.isBlank()) metricsToken = null;
  }

  public static OpsConfig defaults() {
    return new OpsConfig(null);
  }
}
