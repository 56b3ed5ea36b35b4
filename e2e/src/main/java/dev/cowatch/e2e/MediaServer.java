package dev.cowatch.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves test videos the way a CDN would, with byte ranges (a browser's media loader depends on
 * them): {@code /media/{name}} at full speed, {@code /slow/{name}} throttled so a player reading
 * it runs out of data. Binds 127.0.0.1 on a random port; every request on its own virtual thread,
 * so a throttled response never holds up another.
 */
public final class MediaServer implements AutoCloseable {
  /** Bytes written between two checks of the throttle. */
  private static final int CHUNK = 4 * 1024;
  /** The longest a throttled chunk sleeps before it reads the throttle again. */
  private static final long SLICE_MS = 50;

  private final HttpServer http;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, byte[]> files;
  private final AtomicLong slowBytesSent = new AtomicLong();
  private volatile Throttle throttle;

  /**
   * How {@code /slow/} delivers: the first {@code headStartBytes} of a response at full speed (the
   * player gets the headers and its first seconds), the rest at {@code bytesPerSecond}.
   */
  public record Throttle(long headStartBytes, long bytesPerSecond) {
    public Throttle {
      if (headStartBytes < 0 || bytesPerSecond < 1) throw new IllegalArgumentException("bad throttle");
    }
  }

  private final String host;

  private MediaServer(Map<String, byte[]> files, Throttle throttle, String host) throws IOException {
    this.files = Map.copyOf(files);
    this.throttle = throttle;
    this.host = host;
    this.http = HttpServer.create(new InetSocketAddress(host, 0), 64);
    http.createContext("/media/", ex -> handle(ex, false));
    http.createContext("/slow/", ex -> handle(ex, true));
    http.createContext("/whole/", this::handleWhole);
    http.setExecutor(executor);
    http.start();
  }

  public static MediaServer start(Map<String, byte[]> files, Throttle throttle) throws IOException {
    return new MediaServer(files, throttle, "127.0.0.1");
  }

  /** Listening on {@code host}: the root namespace's end of a test namespace, for browsers inside it. */
  public static MediaServer start(Map<String, byte[]> files, Throttle throttle, String host) throws IOException {
    return new MediaServer(files, throttle, host);
  }

  public String url(String name) {
    return base() + "/media/" + name;
  }

  public String slowUrl(String name) {
    return base() + "/slow/" + name;
  }

  /** The file from a server that ignores byte ranges (as Python's {@code http.server} does): a player cannot seek in it. */
  public String wholeUrl(String name) {
    return base() + "/whole/" + name;
  }

  /** Changes how the slow route delivers, also for responses under way. */
  public void throttle(Throttle t) {
    this.throttle = t;
  }

  /** Body bytes sent on the throttled route so far (shows that a test really went through it). */
  public long slowBytesSent() {
    return slowBytesSent.get();
  }

  private String base() {
    return "http://" + host + ":" + http.getAddress().getPort();
  }

  private void handle(HttpExchange ex, boolean slow) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String prefix = slow ? "/slow/" : "/media/";
      byte[] body = files.get(ex.getRequestURI().getPath().substring(prefix.length()));
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        ex.sendResponseHeaders(405, -1);
        return;
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      var headers = ex.getResponseHeaders();
      headers.set("Content-Type", "video/webm");
      headers.set("Accept-Ranges", "bytes");
      headers.set("Cache-Control", "no-store");
      ByteRange range = ByteRange.parse(ex.getRequestHeaders().getFirst("Range"), body.length);
      if (range.unsatisfiable()) {
        headers.set("Content-Range", "bytes */" + body.length);
        ex.sendResponseHeaders(416, -1);
        return;
      }
      long length = range.length();
      if (range.partial()) headers.set("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + body.length);
      headers.set("Content-Length", Long.toString(length));
      int status = range.partial() ? 206 : 200;
      if (method.equals("HEAD")) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, length);
      write(ex.getResponseBody(), body, (int) range.first(), (int) length, slow);
    } catch (IOException e) {
      // The browser dropped the request (it seeks or has enough): normal for a media loader.
    }
  }

  /** Every answer the whole file with 200, a Range header or not, and no {@code Accept-Ranges}. */
  private void handleWhole(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = files.get(ex.getRequestURI().getPath().substring("/whole/".length()));
      if (body == null || !ex.getRequestMethod().equals("GET")) {
        ex.sendResponseHeaders(body == null ? 404 : 405, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "video/webm");
      ex.sendResponseHeaders(200, body.length);
      write(ex.getResponseBody(), body, 0, body.length, false);
    } catch (IOException e) {
      // The browser dropped the request: normal for a media loader.
    }
  }

  private static long dueNanos(Throttle t, long sent) {
    long throttled = sent - t.headStartBytes();
    return throttled <= 0 ? 0 : throttled * 1_000_000_000L / t.bytesPerSecond();
  }

  /** On the slow route the throttle is read for every chunk, so a change applies to responses under way. */
  private void write(OutputStream out, byte[] body, int from, int length, boolean slow) throws IOException {
    long start = System.nanoTime();
    int sent = 0;
    while (sent < length) {
      int n = Math.min(CHUNK, length - sent);
      out.write(body, from + sent, n);
      out.flush();
      sent += n;
      if (!slow) continue;
      slowBytesSent.addAndGet(n);
      // In slices, the throttle read again for each: a link that has all but died (a chunk due hours from now) comes
      // back the moment the test frees it.
      long waitNanos;
      while ((waitNanos = dueNanos(throttle, sent) - (System.nanoTime() - start)) > 0) {
        try {
          Thread.sleep(Math.max(1, Math.min(waitNanos / 1_000_000, SLICE_MS)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
