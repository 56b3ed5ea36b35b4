package dev.cowatch.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus's text format read back into {@code series -> value}, the series written as the registry
 * writes it ({@code name{label="value",...}}); comments dropped. Enough for tests to look figures up.
 */
public record PrometheusText(Map<String, Double> series) {
  public static PrometheusText parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return new PrometheusText(Map.copyOf(series));
  }

  /** The value of the series named exactly so (labels in the registry's order, which is alphabetical). */
  public Optional<Double> value(String name) {
    return Optional.ofNullable(series.get(name));
  }

  public double require(String name) {
    return value(name).orElseThrow(() -> new AssertionError("no series " + name + " among " + names(name)));
  }

  /** Series whose name starts as {@code name}'s metric does: for a readable failure. */
  private String names(String name) {
    int brace = name.indexOf('{');
    String metric = brace < 0 ? name : name.substring(0, brace);
    return series.keySet().stream().filter(s -> s.startsWith(metric)).toList().toString();
  }
}
