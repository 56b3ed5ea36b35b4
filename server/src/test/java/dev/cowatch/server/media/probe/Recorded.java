package dev.cowatch.server.media.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The test media in src/test/resources/media (made by its generate.sh) and the ffprobe outputs recorded from them. */
final class Recorded {
  private Recorded() {}

  /** ffprobe's JSON for one of the files, e.g. {@code json("h264-aac.mp4")}. */
  static String json(String file) {
    try (InputStream in = Recorded.class.getResourceAsStream("/media/probe/" + file + ".json")) {
      if (in == null) throw new IllegalArgumentException("no recorded probe for " + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MediaInfo info(String file) {
    return ((ProbeResult.Probed) FfprobeJson.parse(json(file))).info();
  }

  static Path media(String file) {
    try {
      var url = Recorded.class.getResource("/media/" + file);
      if (url == null) throw new IllegalArgumentException("no test media " + file);
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
