package dev.cowatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Cowatch behind nginx as docs/operations.md deploys it on one machine: the reference configuration
 * (deploy/single/nginx.conf.template), Cowatch started with {@code --media-accel-redirect}. Cowatch checks
 * each request's signed URL and nginx sends the file with sendfile; both processes' CPU counts.
 */
final class AccelFront {
  static final String PREFIX = "/internal-media/";
  /** bench/run runs in the repository; the module's tests run in bench/. */
  static final List<Path> TEMPLATES = List.of(Path.of("deploy", "single", "nginx.conf.template"),
      Path.of("..", "deploy", "single", "nginx.conf.template"));

  private AccelFront() {}

  static Path template() throws IOException {
    for (Path p : TEMPLATES) {
      if (Files.isRegularFile(p)) return p;
    }
    throw new IOException("no deploy/single/nginx.conf.template here or in ..: run from the repository");
  }

  /** Cowatch (its data in {@code dir}/cowatch) importing {@code file}, and nginx (in {@code dir}/nginx) in front. */
  static Started start(Path dir, Path file) throws IOException, InterruptedException {
    Path nginx = NginxServer.executable();
    if (nginx == null) throw new IOException("nginx is not installed: run scripts/install-tools.sh nginx");
    Path dataDir = dir.resolve("cowatch");
    Started cowatch = CowatchProcess.start("cowatch-accel", dataDir, file, PREFIX);
    try {
      Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
      int port = Ports.free();
      String conf = Files.readString(template()).replace("@USER@", System.getProperty("user.name"))
          .replace("@PREFIX@", nginxDir.toAbsolutePath().toString()).replace("@LISTEN@", "127.0.0.1:" + port)
          .replace("@COWATCH@", "127.0.0.1:" + cowatch.target().port())
          .replace("@MEDIA_DIR@", dataDir.resolve("media").toRealPath().toString());
      Path confFile = nginxDir.resolve("nginx.conf");
      Files.writeString(confFile, conf);
      Process p = new ProcessBuilder(nginx.toString(), "-p", nginxDir.toAbsolutePath() + "/", "-e",
          nginxDir.resolve("error.log").toAbsolutePath().toString(), "-c", confFile.toAbsolutePath().toString(), "-g",
          "daemon off;")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      ServerProcess front = new ServerProcess("nginx-accel", p);
      try {
        Ports.awaitListening(port, p, nginxDir.resolve("error.log"));
      } catch (IOException | InterruptedException e) {
        front.close();
        throw e;
      }
      return new Started("accel", List.of(front, cowatch.process()),
          new RangeLoad.Target("127.0.0.1", port, cowatch.target().path()));
    } catch (IOException | InterruptedException | RuntimeException e) {
      cowatch.close();
      throw e;
    }
  }
}
