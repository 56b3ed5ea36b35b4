package dev.cowatch.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * nginx (Debian's package) serving one file on 127.0.0.1, with a configuration of its own in a
 * directory of the benchmark: nothing under /etc or /var is read or written.
 */
public final class NginxServer {
  private NginxServer() {}

  /** The nginx binary on the PATH or in /usr/sbin, or null when it is not installed. */
  public static Path executable() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, "nginx");
      if (Files.isExecutable(candidate)) return candidate;
    }
    return null;
  }

  /**
   * The configuration: what a production nginx serving static files would use (sendfile, one worker
   * per core, no access log), with every path nginx writes under {@code dir}.
   */
  static String config(Path dir, int port, Path root) {
    return String.format(Locale.ROOT, """
        worker_processes auto;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events {
          worker_connections 1024;
        }
        http {
          access_log off;
          sendfile on;
          tcp_nopush on;
          default_type application/octet-stream;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
          }
        }
        """, dir.toAbsolutePath(), port, root.toAbsolutePath());
  }

  /** Starts nginx serving {@code file} at {@code /<its name>}; returns once it accepts connections. */
  static Started start(Path dir, Path file) throws IOException, InterruptedException {
    Path nginx = executable();
    if (nginx == null) throw new IOException("nginx is not installed: run scripts/install-tools.sh nginx");
    Files.createDirectories(dir);
    int port = Ports.free();
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config(dir, port, file.getParent()));
    // -e: the error log before the configuration is read; Debian's default is under /var/log.
    Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toAbsolutePath() + "/", "-e",
        dir.resolve("error.log").toAbsolutePath().toString(), "-c", conf.toAbsolutePath().toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    ServerProcess server = new ServerProcess("nginx", p);
    try {
      Ports.awaitListening(port, p, dir.resolve("error.log"));
    } catch (IOException | InterruptedException e) {
      server.close();
      throw e;
    }
    return new Started(server, new RangeLoad.Target("127.0.0.1", port, "/" + file.getFileName()));
  }
}
