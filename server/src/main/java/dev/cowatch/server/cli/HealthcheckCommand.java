package dev.cowatch.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cowatch healthcheck}: asks the server on this machine for {@code /api/health}. The container image has
 * no shell and no curl, so its health check is this command (docs/operations.md, "Releases"). It reads the
 * server's own --host/--port variables, so the same environment that started the server finds it.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
    description = "Asks the server on this machine for /api/health: exit 0 when it answers that it is up.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the server answered up", "1:no answer, or not up", "2:usage error"})
final class HealthcheckCommand implements Callable<Integer> {
  static final int DOWN = 1;
  /** A container runtime runs the check every 30 s by default; a server that takes longer than this is unwell. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:COWATCH_HOST:-0.0.0.0}",
      description = "The server's listening address; a wildcard address is asked on loopback "
          + "(env COWATCH_HOST, default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:COWATCH_PORT:-8080}",
      description = "The server's port (env COWATCH_PORT, default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    URI uri = URI.create("http://" + address(host) + ":" + port + "/api/health");
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200 && answer.body().contains("\"status\":\"up\"")) {
        spec.commandLine().getOut().println(answer.body());
        spec.commandLine().getOut().flush();
        return 0;
      }
      spec.commandLine().getErr().println("healthcheck: " + uri + " answered " + answer.statusCode() + ": "
          + answer.body());
    } catch (IOException e) {
      spec.commandLine().getErr().println("healthcheck: no answer from " + uri + ": " + e);
    }
    return DOWN;
  }

  /** The address to ask: loopback for the wildcard addresses a server listens on, else the address itself. */
  static String address(String host) {
    String h = host.strip();
    if (h.isEmpty() || h.equals("0.0.0.0")) return "127.0.0.1";
    if (h.equals("::") || h.equals("[::]")) return "[::1]";
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }
}
