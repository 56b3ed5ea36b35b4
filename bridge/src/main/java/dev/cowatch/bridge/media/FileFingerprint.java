package dev.cowatch.bridge.media;

import dev.cowatch.protocol.FileMediaId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a video's content ({@link FileMediaId}): its size and the SHA-256 of its first
 * and last MiB (the whole file once when it is at most two MiB). Reads two MiB whatever the file's
 * size, so a film is recognised at once; a different release, cut or encode differs in size or ends.
 */
public final class FileFingerprint {
  static final int END = FileMediaId.END_BYTES;
  private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("/(\\d+)\\s*$");

  private FileFingerprint() {}

  public static FileMediaId of(Path file) throws IOException {
    return FileMediaId.ofFile(file);
  }

  /**
   * The same identity for a video on an HTTP server that answers ranges (the room's URL): two range
   * requests, never the whole file. Fails with a clear message when the server does not do ranges.
   */
  public static FileMediaId of(URI url, HttpClient http) throws IOException {
    try {
      HttpResponse<byte[]> first = range(http, url, 0, END - 1);
      long size = totalSize(first);
      int headLength = FileMediaId.headLength(size);
      byte[] head = headLength <= END ? first.body() : range(http, url, 0, size - 1).body();
      byte[] tail = new byte[0];
      if (FileMediaId.tailLength(size) > 0) {
        tail = range(http, url, FileMediaId.tailOffset(size), size - 1).body();
      }
      if (head.length != headLength || tail.length != FileMediaId.tailLength(size)) {
        throw new IOException("the server sent " + head.length + " + " + tail.length + " bytes of the ends of a "
            + size + "-byte video");
      }
      return FileMediaId.ofEnds(size, head, tail);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Bytes {@code from}-{@code to} (inclusive, at most two MiB) of the video. */
  private static HttpResponse<byte[]> range(HttpClient http, URI url, long from, long to) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
        .header("Range", "bytes=" + from + "-" + to).GET().build();
    int wanted = (int) (to - from + 1);
    HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = res.body()) {
      if (res.statusCode() != 206) {
        throw new IOException("the room's video server does not answer byte ranges (HTTP " + res.statusCode() + ")");
      }
      byte[] body = in.readNBytes(wanted + 1);
      if (body.length > wanted) throw new IOException("the server sent more than the range asked for");
      return new SimpleResponse(res, body);
    }
  }

  private static long totalSize(HttpResponse<byte[]> res) throws IOException {
    String cr = res.headers().firstValue("Content-Range").orElseThrow(() -> new IOException("no Content-Range in the answer"));
    Matcher m = CONTENT_RANGE_TOTAL.matcher(cr);
    if (!m.find()) throw new IOException("the server does not say the video's size (Content-Range: " + cr + ")");
    return Long.parseLong(m.group(1));
  }

  /** A response whose body was read already. */
  private record SimpleResponse(HttpResponse<InputStream> inner, byte[] body) implements HttpResponse<byte[]> {
    @Override
    public int statusCode() {
      return inner.statusCode();
    }

    @Override
    public HttpRequest request() {
      return inner.request();
    }

    @Override
    public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return inner.headers();
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return inner.sslSession();
    }

    @Override
    public URI uri() {
      return inner.uri();
    }

    @Override
    public HttpClient.Version version() {
      return inner.version();
    }
  }
}
