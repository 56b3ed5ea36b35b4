package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the HTTP layer answers itself is problem+json with our type names, like every other error. */
class HttpEdgesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_method_a_path_does_not_take_is_405_with_allow() throws IOException {
    String r = raw("PUT /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    assertThat(r).startsWith("HTTP/1.1 405").containsIgnoringCase("content-type: application/problem+json")
        .contains("/problems/method-not-allowed").containsIgnoringCase("allow: GET");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/..%2f..%2fetc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/../../etc/passwd", "/a%00b"})
  void a_traversal_like_path_is_refused_as_problem_json(String path) throws IOException {
    String r = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(r).startsWith("HTTP/1.1 4").containsIgnoringCase("content-type: application/problem+json")
        .doesNotContain("<html").doesNotContain("root:");
  }

  @Test
  void a_body_over_the_limit_is_413_body_too_large() throws IOException {
    byte[] body = new byte[2 * 1024 * 1024];
    String head = "POST /api/auth/guest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n";
    String r = raw(head, body);

    assertThat(r).startsWith("HTTP/1.1 413").contains("/problems/body-too-large").doesNotContain("http-413");
  }

  private static String raw(String request) throws IOException {
    return raw(request, new byte[0]);
  }

  private static String raw(String head, byte[] body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      try {
        s.getOutputStream().write(body);
      } catch (IOException closedEarly) {
        // the server may answer and close before the whole body is sent
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        s.getInputStream().transferTo(all);
      } catch (IOException reset) {
        // what arrived before a reset is the answer
      }
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
