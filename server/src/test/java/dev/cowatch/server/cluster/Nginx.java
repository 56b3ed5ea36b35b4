package dev.cowatch.server.cluster;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx in front of the nodes, configured from the reference deployment's template
 * (deploy/cluster/nginx.conf.template) as scripts/cluster-up.sh does, and run in the foreground as this
 * test's child.
 */
final class Nginx implements AutoCloseable {
  static final Path TEMPLATE = Path.of("..", "deploy", "cluster", "nginx.conf.template");
  private final Process process;
  private final URI base;

  private Nginx(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  static Nginx start(Path dir, int port, List<Integer> nodePorts) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String nodes = nodePorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
        .collect(Collectors.joining("\n"));
    String conf = Files.readString(TEMPLATE).replace("@PREFIX@", dir.toString())
        .replace("@LISTEN@", "127.0.0.1:" + port).replace("@NODES@", nodes);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    Nginx nginx = new Nginx(p, URI.create("http://127.0.0.1:" + port));
    nginx.awaitHealthy(dir);
    return nginx;
  }

  URI base() {
    return base;
  }

  private void awaitHealthy(Path dir) throws IOException, InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
      }
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
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
