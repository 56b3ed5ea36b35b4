package dev.cowatch.bridge.media;

import dev.cowatch.protocol.FileMediaId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      MessageDigest sha = sha256();
      if (size <= 2L * END) {
        sha.update(read(ch, 0, (int) size));
      } else {
        sha.update(read(ch, 0, END));
        sha.update(read(ch, size - END, END));
      }
      return FileMediaId.of(size, sha.digest());
    }
  }

  /**
   * The same identity for a video on an HTTP server that answers ranges (the room's URL): two range
   * requests, never the whole file. Fails with a clear message when the server does not do ranges.
   */
  public static FileMediaId of(URI url, HttpClient http) throws IOException {
    try {
      HttpResponse<byte[]> head = range(http, url, "bytes=0-" + (END - 1));
      long size = totalSize(head);
      MessageDigest sha = sha256();
      if (size <= 2L * END) {
        byte[] all = size <= END ? head.body() : range(http, url, "bytes=0-" + (size - 1)).body();
        if (all.length != size) throw new IOException("the server sent " + all.length + " of " + size + " bytes");
        sha.update(all);
      } else {
        byte[] tail = range(http, url, "bytes=" + (size - END) + "-" + (size - 1)).body();
        if (head.body().length != END || tail.length != END) throw new IOException("the server sent short ranges");
        sha.update(head.body());
        sha.update(tail);
      }
      return FileMediaId.of(size, sha.digest());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static HttpResponse<byte[]> range(HttpClient http, URI url, String range) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).header("Range", range).GET().build();
    HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = res.body()) {
      if (res.statusCode() != 206) {
        throw new IOException("the room's video server does not answer byte ranges (HTTP " + res.statusCode() + ")");
      }
      byte[] body = in.readNBytes(END + 1);
      if (body.length > END) throw new IOException("the server sent more than the range asked for");
      return new SimpleResponse(res, body);
    }
  }

  private static long totalSize(HttpResponse<byte[]> res) throws IOException {
    String cr = res.headers().firstValue("Content-Range").orElseThrow(() -> new IOException("no Content-Range in the answer"));
    Matcher m = CONTENT_RANGE_TOTAL.matcher(cr);
    if (!m.find()) throw new IOException("the server does not say the video's size (Content-Range: " + cr + ")");
    return Long.parseLong(m.group(1));
  }

  private static byte[] read(FileChannel ch, long at, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, at + buf.position()) < 0) throw new IOException("the file got shorter while read");
    }
    return buf.array();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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
