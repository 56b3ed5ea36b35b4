package dev.cowatch.bench.cluster;

import dev.cowatch.bench.NginxServer;
import dev.cowatch.bench.ServerProcess;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx in front of the cluster's nodes, configured from the reference deployment's
 * template (deploy/cluster/nginx.conf.template) as scripts/cluster-up.sh fills it in, so the bench
 * measures the load balancer operators run.
 */
public final class LoadBalancer implements AutoCloseable {
  static final Path TEMPLATE = Path.of("deploy", "cluster", "nginx.conf.template");

  private final ServerProcess process;
  private final URI base;

  private LoadBalancer(ServerProcess process, URI base) {
    this.process = process;
    this.base = base;
  }

  static LoadBalancer start(Path dir, int port, List<Integer> nodePorts) throws IOException, InterruptedException {
    return start(dir, port, nodePorts.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  /** nginx on 127.0.0.1:{@code port} before the nodes at these {@code host:port} addresses. */
  public static LoadBalancer start(Path dir, int port, java.util.Collection<String> nodes)
      throws IOException, InterruptedException {
    Path nginx = NginxServer.executable();
    if (nginx == null) throw new IOException("nginx is not installed (bench/run cluster installs Debian's package)");
    Files.createDirectories(dir);
    String servers = nodes.stream().map(a -> "    server " + a + " max_fails=1 fail_timeout=5s;")
        .collect(Collectors.joining("\n"));
    String conf = Files.readString(dev.cowatch.bench.RepoFile.of(TEMPLATE.toString())).replace("@PREFIX@", dir.toAbsolutePath().toString())
        .replace("@LISTEN@", "127.0.0.1:" + port).replace("@NODES@", servers);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toAbsolutePath().toString(), "-c",
        file.toAbsolutePath().toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    LoadBalancer lb = new LoadBalancer(new ServerProcess("nginx", p), URI.create("http://127.0.0.1:" + port));
    try {
      lb.awaitHealthy(dir);
    } catch (IOException | InterruptedException e) {
      lb.close();
      throw e;
    }
    return lb;
  }

  public URI base() {
    return base;
  }

  private void awaitHealthy(Path dir) throws IOException, InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!process.alive()) throw new IOException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
      try {
        HttpURLConnection c = (HttpURLConnection) base.resolve("/api/health").toURL().openConnection();
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    throw new IOException("nginx did not answer on " + base);
  }

  @Override
  public void close() {
    process.close();
  }
}
