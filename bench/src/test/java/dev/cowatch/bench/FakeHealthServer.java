package dev.cowatch.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for Cowatch behind a fake launcher in {@link StartupBenchTest}: takes the launcher's
 * options, answers {@code /api/health} with 200 and a guest sign-in with 201 on 127.0.0.1 and runs until it is terminated.
 */
public final class FakeHealthServer {
  private FakeHealthServer() {}

  public static void main(String[] args) throws Exception {
    int port = -1;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) port = Integer.parseInt(args[i + 1]);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext("/api/health", exchange -> {
      byte[] body = "{\"status\":\"up\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    // A viewer's first request (HealthProbe.firstRequest): a new guest, as the real server answers it.
    server.createContext("/api/auth/guest", exchange -> {
      exchange.getRequestBody().readAllBytes();
      int status = exchange.getRequestMethod().equals("POST") ? 201 : 405;
      byte[] body = "{\"accessToken\":\"t\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    System.out.println("fake server on 127.0.0.1:" + port);
  }
}
