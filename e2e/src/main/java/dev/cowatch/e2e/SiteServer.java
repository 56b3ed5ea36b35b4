package dev.cowatch.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The local test pages that imitate what streaming sites do to their player (resources
 * {@code /extension-sites/}): a plain {@code <video>}, one in shadow roots, one in a same-origin iframe,
 * one re-created around an "ad", one that undoes writes not made through its own API. Served on
 * 127.0.0.1 at a random port, with a strict content security policy (the page may connect only to its
 * own origin); each page plays the video named by its {@code ?video=} parameter.
 */
public final class SiteServer implements AutoCloseable {
  /** The pages a test can open (frame.html is the iframe's content). */
  public enum Site {
    PLAIN("plain.html"), SHADOW("shadow.html"), IFRAME("iframe.html"), AD("ad.html"), API("api-player.html");

    public final String file;

    Site(String file) {
      this.file = file;
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-z-]{1,40}\\.(html|css)");
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8");

  private final HttpServer http;

  private SiteServer(HttpServer http) {
    this.http = http;
  }

  public static SiteServer start() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/sites/", SiteServer::handle);
    http.start();
    return new SiteServer(http);
  }

  /** The address of {@code site} playing {@code videoUrl}. */
  public String url(Site site, String videoUrl) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/sites/" + site.file + "?video="
        + URLEncoder.encode(videoUrl, StandardCharsets.UTF_8);
  }

  private static void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String name = ex.getRequestURI().getPath().substring("/sites/".length());
      if (!NAME.matcher(name).matches()) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      try (InputStream in = SiteServer.class.getResourceAsStream("/extension-sites/" + name)) {
        if (in == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = in.readAllBytes();
        ex.getResponseHeaders().set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        // As strict as streaming sites are: the page itself may connect only to its own origin. The
        // extension's room connection and player control must not depend on the page allowing them.
        ex.getResponseHeaders().set("Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; media-src http://127.0.0.1:*; connect-src 'self'");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
