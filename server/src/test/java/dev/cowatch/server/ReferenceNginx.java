package dev.cowatch.server;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx configured from one of the reference templates (deploy/&#42;/nginx.conf.template,
 * docs/operations.md) with its at-signed words filled in, as the deployment scripts do, and run in the
 * foreground as the test's child. The build installs nginx (server/pom.xml): a missing nginx fails the test.
 */
public final class ReferenceNginx implements AutoCloseable {
  private final Process process;
  private final URI base;

  private ReferenceNginx(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /**
   * Starts nginx on 127.0.0.1:{@code port} from {@code template}, each {@code @KEY@} replaced by its
   * value ({@code @PREFIX@} and {@code @LISTEN@} are filled in here); returns once it answers
   * {@code /api/health} (through to Cowatch).
   */
  public static ReferenceNginx start(Path dir, Path template, int port, Map<String, String> fillIns)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, filled(template, dir, port, fillIns));
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

  /**
   * As {@link #start}, with TLS as the reference deployment has it: deploy/single/tls.conf.template filled in
   * with {@code tls} into {@code tls.d/} beside the configuration (the single template includes it).
   */
  public static ReferenceNginx startWithTls(Path dir, Path template, int port, Tls tls, Map<String, String> fillIns)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("tls.d"));
    Map<String, String> words = Map.of("TLS_LISTEN", "127.0.0.1:" + tls.port(), "TLS_CERT", tls.certificate().toString(),
        "TLS_KEY", tls.key().toString());
    Files.writeString(dir.resolve("tls.d").resolve("cowatch.conf"), filled(TLS_TEMPLATE, dir, port, words));
    return start(dir, template, port, fillIns);
  }

  /** The TLS part of the single-machine reference configuration. */
  public static final Path TLS_TEMPLATE = Path.of("..", "deploy", "single", "tls.conf.template");

  /** Where TLS listens on 127.0.0.1 and the certificate (chain) and key it presents. */
  public record Tls(int port, Path certificate, Path key) {}

  private static String filled(Path template, Path dir, int port, Map<String, String> fillIns) throws IOException {
    String conf = Files.readString(template).replace("@PREFIX@", dir.toString()).replace("@LISTEN@", "127.0.0.1:" + port);
    for (Map.Entry<String, String> e : fillIns.entrySet()) conf = conf.replace("@" + e.getKey() + "@", e.getValue());
    return conf;
  }

  public URI base() {
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
