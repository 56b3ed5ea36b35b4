package dev.cowatch.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in front of one Cowatch, configured from the reference template for a single machine
 * (deploy/single/nginx.conf.template, docs/operations.md), run in the foreground as the test's child.
 * The e2e build installs nginx (e2e/pom.xml): a missing nginx fails the test.
 */
final class ReferenceNginx implements AutoCloseable {
  static final Path TEMPLATE = Path.of("..", "deploy", "single", "nginx.conf.template");
  private final Process process;
  private final URI base;

  private ReferenceNginx(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  static ReferenceNginx start(Path dir, URI cowatch, Path mediaDir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String conf = Files.readString(TEMPLATE).replace("@USER@", System.getProperty("user.name"))
        .replace("@PREFIX@", dir.toString()).replace("@LISTEN@", "127.0.0.1:" + port)
        .replace("@COWATCH@", cowatch.getHost() + ":" + cowatch.getPort())
        .replace("@MEDIA_DIR@", mediaDir.toRealPath().toString());
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p = new ProcessBuilder("nginx", "-p", dir + "/", "-e", dir.resolve("error.log").toString(), "-c",
        file.toString(), "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile())
        .start();
    ReferenceNginx nginx = new ReferenceNginx(p, URI.create("http://127.0.0.1:" + port));
    try {
      nginx.awaitHealthy(dir);
    } catch (IOException | InterruptedException e) {
      nginx.close();
      throw e;
    }
    return nginx;
  }

  URI base() {
    return base;
  }

  private void awaitHealthy(Path dir) throws IOException, InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!process.isAlive()) throw new IOException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
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
