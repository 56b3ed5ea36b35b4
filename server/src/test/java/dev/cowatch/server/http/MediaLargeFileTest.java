package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 50 MB file streamed whole and in a range without the server's heap taking the file: the JVM's
 * total allocation while it streams stays far below the file's size. The client is a plain socket
 * reading into one reused buffer, so that the measurement counts the server's allocations only
 * (java.net.http allocates a buffer per chunk and would drown them).
 */
class MediaLargeFileTest {
  private static final long SIZE = 50L * 1024 * 1024;
  /** Everything the server may allocate while streaming 50 MB: headers, logging, Jetty's bookkeeping. */
  private static final long ALLOWED_ALLOCATION = 8L * 1024 * 1024;
  private static TestServer ts;
  private static String url;
  private static MediaItem item;

  @BeforeAll
  static void start() throws Exception {
    ts = new TestServer();
    try (Api api = new Api(ts)) {
      Api.Who owner = api.account("Big");
      item = ts.server().media().library().importFile(new UserId(owner.userId()), "Big", "big.mkv", "video/x-matroska",
          new Pattern(SIZE), SIZE);
      url = api.call("POST", "/api/media/" + item.id() + "/url", null, owner.token()).json().get("url").asText();
    }
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  void wholeFile_isStreamed_withoutTheHeapTakingIt() throws Exception {
    get(null); // warm up: classes, pools, JIT
    Fetched f = measured(null);
    assertThat(f.status).isEqualTo(200);
    assertThat(f.bytes).isEqualTo(SIZE);
    assertThat(f.sha256).isEqualTo(item.sha256());
    assertThat(f.allocated).as("bytes allocated while streaming %d", SIZE).isLessThan(ALLOWED_ALLOCATION);
  }

  @Test
  void largeRange_isStreamed_withoutTheHeapTakingIt() throws Exception {
    get("bytes=1000-");
    Fetched f = measured("bytes=1000-");
    assertThat(f.status).isEqualTo(206);
    assertThat(f.bytes).isEqualTo(SIZE - 1000);
    assertThat(f.allocated).isLessThan(ALLOWED_ALLOCATION);
  }

  private static Fetched measured(String range) throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getTotalThreadAllocatedBytes();
    long t0 = System.nanoTime();
    Fetched f = get(range);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long allocated = threads.getTotalThreadAllocatedBytes() - before;
    System.out.printf(Locale.ROOT, "streamed %d bytes in %d ms (%.0f MB/s), %d bytes allocated%n", f.bytes, ms,
        f.bytes / 1e3 / Math.max(ms, 1), allocated);
    return new Fetched(f.status, f.bytes, f.sha256, allocated);
  }

  private record Fetched(int status, long bytes, String sha256, long allocated) {}

  /** One HTTP/1.1 GET on a fresh connection; the body is hashed through one reused buffer. */
  private static Fetched get(String range) throws Exception {
    try (Socket s = new Socket("127.0.0.1", ts.baseUri().getPort())) {
      OutputStream out = s.getOutputStream();
      String request = "GET " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + (range == null ? "" : "Range: " + range + "\r\n") + "\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String head = readHead(in);
      int status = Integer.parseInt(head.substring(9, 12));
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        sha.update(buffer, 0, n);
        total += n;
      }
      return new Fetched(status, total, HexFormat.of().formatHex(sha.digest()), 0);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed in the headers");
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** {@code size} bytes of a repeating pattern, generated as read: the test holds no 50 MB array either. */
  private static final class Pattern extends InputStream {
    private final long size;
    private long at;

    Pattern(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      return at < size ? (int) (at++ * 31 % 251) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at >= size) return -1;
      int n = (int) Math.min(len, size - at);
      for (int i = 0; i < n; i++) b[off + i] = (byte) (at++ * 31 % 251);
      return n;
    }
  }
}
