package dev.cowatch.e2e;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /streams/...}: the files of one {@link AdaptiveStreams} directory, manifests as they are and media
 * through the {@link Throttle}, counting media segments per rendition. Only names of the forms the streams
 * use, only inside the directory, only the types below; anything else is 404.
 */
final class StreamFiles {
  static final String PREFIX = "/streams/";
  /** One path element: no leading dot (so no "." or ".." or hidden files), no separators, no escapes. */
  private static final Pattern ELEMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,80}");
  /** dash/film-1/540p-00003.m4s, hls/ad-1/240p-00001.ts: a rendition's (or the audio's) media segment. */
  private static final Pattern SEGMENT = Pattern.compile("([a-z0-9]+)-\\d+\\.(m4s|ts)");
  private static final Map<String, String> TYPES = Map.of("mpd", "application/dash+xml", "m3u8", "application/vnd.apple.mpegurl",
      "m4s", "video/mp4", "mp4", "video/mp4", "ts", "video/mp2t");
  /** 2 KiB: at 400 kbit/s one chunk every 41 ms, fine enough for a player's progress-based estimate. */
  private static final int CHUNK = 2048;

  private final Path root;
  private final Throttle throttle = new Throttle();
  private final Map<String, LongAdder> served = new ConcurrentHashMap<>();

  StreamFiles(Path root) throws IOException {
    this.root = root.toRealPath();
  }

  Throttle throttle() {
    return throttle;
  }

  /** Media segments sent whole so far, per rendition name ("audio" for DASH's separate audio). */
  Map<String, Long> served() {
    Map<String, Long> copy = new TreeMap<>();
    served.forEach((name, count) -> copy.put(name, count.sum()));
    return copy;
  }

  void handle(HttpExchange ex) throws IOException {
    try (ex) {
      boolean head = ex.getRequestMethod().equals("HEAD");
      if (!head && !ex.getRequestMethod().equals("GET")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      Optional<Path> file = resolve(ex.getRequestURI().getPath());
      String name = file.map(f -> f.getFileName().toString()).orElse("");
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      if (file.isEmpty() || type == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (name.startsWith(DashPeriods.AUDIO + "-")) type = "audio/mp4";
      ex.getResponseHeaders().set("Content-Type", type);
      // Never from the browser's cache: a second page in the same browser must load through the throttle too.
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      long length = Files.size(file.get());
      if (head) {
        ex.getResponseHeaders().set("Content-Length", String.valueOf(length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, length);
      boolean manifest = name.endsWith(".mpd") || name.endsWith(".m3u8");
      try (InputStream in = Files.newInputStream(file.get()); OutputStream out = ex.getResponseBody()) {
        if (manifest) in.transferTo(out);
        else paced(in, out);
      }
      Matcher segment = SEGMENT.matcher(name);
      if (segment.matches()) served.computeIfAbsent(segment.group(1), k -> new LongAdder()).increment();
    }
  }

  /** The file a request path names, if it is a regular file inside the root (symbolic links followed, then checked). */
  Optional<Path> resolve(String requestPath) throws IOException {
    if (!requestPath.startsWith(PREFIX)) return Optional.empty();
    String[] elements = requestPath.substring(PREFIX.length()).split("/", -1);
    if (elements.length > 4) return Optional.empty();
    Path file = root;
    for (String e : elements) {
      if (!ELEMENT.matcher(e).matches()) return Optional.empty();
      file = file.resolve(e);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    Path real = file.toRealPath();
    return real.startsWith(root) ? Optional.of(real) : Optional.empty();
  }

  private void paced(InputStream in, OutputStream out) throws IOException {
    byte[] chunk = new byte[CHUNK];
    int n;
    while ((n = in.read(chunk)) > 0) {
      long waitNanos = throttle.reserve(n, System.nanoTime());
      if (waitNanos > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(waitNanos);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while pacing", e);
        }
      }
      out.write(chunk, 0, n);
      out.flush();
    }
  }
}
