package dev.cowatch.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cowatch.server.platform.http.WebRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built web app as any static host would serve it (files, their types, nothing else): no Cowatch
 * server, no API. Serves the classpath's bundled web app, and remembers every path asked for, so a test can
 * show that a page asked for nothing but files.
 */
public final class StaticWebHost implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript",
      "css", "text/css", "svg", "image/svg+xml", "json", "application/json", "png", "image/png", "map", "application/json");

  private final HttpServer http;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  private StaticWebHost(String host) throws IOException {
    this.http = HttpServer.create(new InetSocketAddress(host, 0), 64);
    http.createContext("/", this::serve);
    http.setExecutor(executor);
    http.start();
  }

  /** A host listening on {@code host} (a namespace's host-side address), on a port of its own. */
  public static StaticWebHost start(String host) throws IOException {
    return new StaticWebHost(host);
  }

  public URI baseUri() {
    return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
  }

  /** Every path asked for so far, in order. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      asked.add(path);
      String file = path.endsWith("/") ? path + "index.html" : path;
      InputStream in = file.contains("..") ? null : WebRoutes.class.getResourceAsStream(WebRoutes.PUBLIC + file);
      if (in == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      try (in) {
        byte[] body = in.readAllBytes();
        String ext = file.substring(file.lastIndexOf('.') + 1);
        ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
