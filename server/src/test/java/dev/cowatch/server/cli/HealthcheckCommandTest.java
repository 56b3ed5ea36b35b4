package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.cli.CommandLines.Run;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cowatch healthcheck}, the container image's health check: 0 only when the server says it is up. */
class HealthcheckCommandTest {
  @Test
  void aRunningServer_isUp_exitZero() {
    try (TestServer ts = new TestServer()) {
      Run r = CommandLines.run("healthcheck", "--port", String.valueOf(ts.baseUri().getPort()));
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("\"status\":\"up\"");
    }
  }

  @Test
  void nothingListening_exitOne_sayingWhere() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = CommandLines.run("healthcheck", "--port", String.valueOf(port));
    assertThat(r.exitCode()).isEqualTo(HealthcheckCommand.DOWN);
    assertThat(r.err()).startsWith("healthcheck: no answer from http://127.0.0.1:" + port + "/api/health");
  }

  @Test
  void anAnswerOtherThanUp_exitOne_withTheAnswer() throws Exception {
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/api/health", exchange -> {
      byte[] body = "{\"status\":\"stopping\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    stub.start();
    try {
      Run r = CommandLines.run("healthcheck", "--port", String.valueOf(stub.getAddress().getPort()));
      assertThat(r.exitCode()).isEqualTo(HealthcheckCommand.DOWN);
      assertThat(r.err()).contains("answered 503: {\"status\":\"stopping\"}");
    } finally {
      stub.stop(0);
    }
  }

  @ParameterizedTest
  @CsvSource({"0.0.0.0, 127.0.0.1", "'', 127.0.0.1", "::, [::1]", "127.0.0.1, 127.0.0.1", "10.0.0.5, 10.0.0.5",
      "::1, [::1]", "fd00::7, [fd00::7]", "cowatch.internal, cowatch.internal"})
  void address_askedForTheListeningAddress(String listening, String asked) {
    assertThat(HealthcheckCommand.address(listening)).isEqualTo(asked);
  }
}
