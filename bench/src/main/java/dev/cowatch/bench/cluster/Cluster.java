package dev.cowatch.bench.cluster;

import dev.cowatch.bench.Ports;
import dev.cowatch.bench.load.CowatchServerProcess;
import dev.cowatch.server.platform.redis.Redis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference deployment, for a benchmark: {@code nodes} Cowatch processes sharing a PostgreSQL
 * database made for the run and a Redis key prefix of the run's own, behind nginx. Closing it stops
 * everything and removes the database and the keys.
 */
final class Cluster implements AutoCloseable {
  static final String PG_ADMIN_URL = System.getenv().getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String REDIS_URL = System.getenv().getOrDefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379");

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private final String database = "cowatch_bench_" + ProcessHandle.current().pid();
  private final String prefix = "cowatch-bench-cluster:" + ProcessHandle.current().pid() + ":";
  private final List<CowatchServerProcess> nodes = new ArrayList<>();
  private LoadBalancer balancer;

  private Cluster() {}

  static Cluster start(Path runDir, int count) throws IOException, InterruptedException {
    Cluster c = new Cluster();
    try {
      c.createDatabase();
      Map<String, String> env = Map.of("COWATCH_JWT_SECRET", dev.cowatch.bench.SharedSecret.random());
      for (int i = 0; i < count; i++) {
        c.nodes.add(CowatchServerProcess.start(runDir.resolve("node-" + i), List.of(
            "--db-url", PG_ADMIN_URL.replaceFirst("/[^/?]*(\\?.*)?$", "/" + c.database), "--db-user", "postgres",
            "--redis-url", REDIS_URL, "--redis-prefix", c.prefix), env));
      }
      c.balancer = LoadBalancer.start(runDir.resolve("nginx"), Ports.free(),
          c.nodes.stream().map(n -> n.address().getPort()).toList());
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  List<CowatchServerProcess> nodes() {
    return nodes;
  }

  List<InetSocketAddress> addresses() {
    return nodes.stream().map(CowatchServerProcess::address).toList();
  }

  /** Where clients go: nginx, which spreads them over the nodes and skips a dead one. */
  URI balancer() {
    return balancer.base();
  }

  /** Each node's open room connections, from its own health endpoint. */
  List<Integer> connectionsPerNode() throws IOException, InterruptedException {
    List<Integer> counts = new ArrayList<>();
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (CowatchServerProcess n : nodes) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(n.base().resolve("/api/health"))
            .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        counts.add(JSON.readTree(r.body()).path("connections").asInt());
      }
    }
    return counts;
  }

  private void createDatabase() throws IOException {
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IOException("PostgreSQL at " + PG_ADMIN_URL + " refused to make the run's database: " + e.getMessage(), e);
    }
  }

  private void dropDatabase() {
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("cluster: could not drop database " + database + ": " + e.getMessage());
    }
  }

  private void deleteKeys() {
    try (Redis redis = Redis.connect(REDIS_URL, prefix)) {
      String[] keys = redis.sync().keys(prefix + "*").toArray(String[]::new);
      if (keys.length > 0) redis.sync().del(keys);
    } catch (RuntimeException e) {
      System.err.println("cluster: could not delete Redis keys " + prefix + "*: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (balancer != null) balancer.close();
    for (CowatchServerProcess n : nodes) n.close();
    dropDatabase();
    deleteKeys();
  }
}
