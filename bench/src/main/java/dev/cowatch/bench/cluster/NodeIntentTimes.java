package dev.cowatch.bench.cluster;

import dev.cowatch.bench.load.CowatchServerProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deciding nodes' own account of the intents they applied (other than health reports), from their Prometheus
 * histograms {@code cowatch_intents_seconds}: from an intent reaching its room until its result was handed to every
 * connection on that node. Taken before and after a stretch, it splits a fan-out's time into the deciding node's
 * part (the lease, the database, Redis) and the rest (other nodes, the clients).
 */
final class NodeIntentTimes {
  private static final Pattern BUCKET = Pattern.compile(
      "^cowatch_intents_seconds_bucket\\{(.*)\\} ([0-9.eE+]+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** Applied intents at or under each bound (seconds; +Inf as infinity), over every node. */
  private final TreeMap<Double, Double> atMost;

  private NodeIntentTimes(TreeMap<Double, Double> atMost) {
    this.atMost = atMost;
  }

  static NodeIntentTimes scrape(List<CowatchServerProcess> nodes) throws IOException, InterruptedException {
    TreeMap<Double, Double> sums = new TreeMap<>();
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (CowatchServerProcess n : nodes) {
        String text = http.send(HttpRequest.newBuilder(n.base().resolve("/metrics")).timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = BUCKET.matcher(text);
        while (m.find()) {
          Map<String, String> labels = labels(m.group(1));
          if (!"applied".equals(labels.get("outcome")) || "report".equals(labels.get("kind"))) continue;
          String le = labels.get("le");
          double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
          sums.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
        }
      }
    }
    return new NodeIntentTimes(sums);
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    Matcher m = LABEL.matcher(text);
    while (m.find()) labels.put(m.group(1), m.group(2));
    return labels;
  }

  /** What share of the intents applied since {@code before} took at most 5, 10, 20, 50 and 100 ms on their node. */
  String since(NodeIntentTimes before) {
    double all = count(Double.POSITIVE_INFINITY, before);
    if (all <= 0) return "no intents applied";
    StringBuilder b = new StringBuilder(String.format("%.0f applied", all));
    for (double ms : new double[] {5, 10, 20, 50, 100}) {
      b.append(String.format(", <= %.0f ms %.2f%%", ms, 100 * count(ms / 1000, before) / all));
    }
    return b.toString();
  }

  private double count(double bound, NodeIntentTimes before) {
    return at(atMost, bound) - at(before.atMost, bound);
  }

  private static double at(TreeMap<Double, Double> sums, double bound) {
    Map.Entry<Double, Double> e = sums.floorEntry(bound + 1e-9);
    return e == null ? 0 : e.getValue();
  }
}
