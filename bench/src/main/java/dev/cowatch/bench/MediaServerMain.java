package dev.cowatch.bench;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.CowatchServer;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaDelivery;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.platform.Ids;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The Cowatch side of {@code bench/run media}, in its own JVM as nginx is in its own process: starts
 * the embedded server on 127.0.0.1 with {@code <dataDir>}, imports {@code <file>} into its local media
 * store through the media library (with a third argument, {@code --media-accel-redirect} to that prefix:
 * nginx in front sends the bytes), prints {@code ready port=<p> path=<signed stream path>}, and
 * serves until its standard input closes (the benchmark ended or died).
 */
public final class MediaServerMain {
  static final String READY = "ready ";

  private MediaServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 && args.length != 3) {
      System.err.println("usage: MediaServerMain <data-dir> <file> [<accel-redirect prefix>]");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]);
    Path file = Path.of(args[1]);
    ServerConfig.Builder config = ServerConfig.ephemeral(dataDir);
    if (args.length == 3) config.media(MediaConfig.local().withDelivery(new MediaDelivery(args[2], false)));
    try (CowatchServer server = new CowatchServer(config.build(), Clock.systemUTC(), Ids.secure()).start()) {
      UserId owner = new UserId("u-bench-media");
      MediaItem item;
      try (InputStream in = Files.newInputStream(file)) {
        item = server.media().library().importFile(owner, "Bench", file.getFileName().toString(), "video/mp4", in, Files.size(file));
      }
      // The default lifetime (hours) outlasts any run.
      String path = server.media().library().issueUrl(owner, item.id()).path();
      System.out.println(READY + "port=" + server.port() + " path=" + path);
      System.out.flush();
      while (System.in.read() >= 0) {
        // Nothing is sent; end of input means the benchmark is gone.
      }
    }
    System.exit(0);
  }
}
