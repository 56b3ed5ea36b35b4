package dev.cowatch.bench.faults;

import dev.cowatch.bench.Ports;
import dev.cowatch.bench.cluster.LoadBalancer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reference highly available deployment, started for a fault run or a trial: three nodes, each in a network
 * namespace of its own, behind nginx, on Redis with a replica and sentinels and PostgreSQL with a synchronous standby
 * ({@link HaStores}). Each node's wall clock can be stepped. {@link #close} stops everything.
 */
final class HaDeployment implements AutoCloseable {
  static final int NODES = 3;

  private final List<FaultNode> nodes = new ArrayList<>();
  private HaStores stores;
  private LoadBalancer balancer;
  private boolean closed;

  private HaDeployment() {}

  /** {@code mutant}: the nodes decide without leases and write without the revision check. */
  static HaDeployment start(Path dir, boolean mutant) throws Exception {
    HaDeployment d = new HaDeployment();
    // A run stopped from outside (Ctrl-C, a timeout's SIGTERM) must not leave the stores' daemons and the loopback
    // addresses behind: seen once, seven Redis and PostgreSQL processes of a stopped run still running.
    Runtime.getRuntime().addShutdownHook(new Thread(d::close, "faults-deployment-stop"));
    try {
      d.launch(dir, mutant);
      return d;
    } catch (Exception e) {
      d.close();
      throw e;
    }
  }

  private void launch(Path dir, boolean mutant) throws Exception {
    // The stores listen on addresses of their own: ports drawn from a range the machine's own servers leave alone.
    Random ports = new Random();
    stores = HaStores.start(dir.resolve("stores"), 21_000 + ports.nextInt(4_000), 26_000 + ports.nextInt(4_000));
    Map<String, String> env = Map.of("COWATCH_JWT_SECRET", dev.cowatch.bench.SharedSecret.random());
    List<String> options = stores.nodeOptions();
    List<String> jvm = mutant ? List.of("-Dcowatch.mutant=unfenced") : List.of();
    // The first node makes the schema; the others start together after it.
    nodes.add(FaultNode.start("node-0", dir.resolve("node-0"), Ports.free(), options, env, jvm));
    List<Future<FaultNode>> others = new ArrayList<>();
    try (var starting = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 1; i < NODES; i++) {
        String name = "node-" + i;
        int port = Ports.free();
        others.add(starting.submit(() -> FaultNode.start(name, dir.resolve(name), port, options, env, jvm)));
      }
    }
    Exception failed = null;
    for (Future<FaultNode> f : others) {
      try {
        nodes.add(f.get());
      } catch (ExecutionException e) {
        failed = e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    if (failed != null) throw failed;
    balancer = LoadBalancer.start(dir.resolve("nginx"), Ports.free(),
        nodes.stream().map(n -> n.host() + ":" + n.port()).toList());
  }

  List<FaultNode> nodes() {
    return nodes;
  }

  HaStores stores() {
    return stores;
  }

  /** Where people go: nginx, which spreads them over the nodes and skips one that does not answer. */
  URI entry() {
    return balancer.base();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (balancer != null) balancer.close();
    for (FaultNode n : nodes) n.close();
    if (stores != null) stores.close();
  }
}
