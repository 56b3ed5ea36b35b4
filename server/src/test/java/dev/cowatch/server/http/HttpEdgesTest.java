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

  /** A guest sign-up with this body and content type, over a raw socket (bytes exactly as given). */
  private static String guest(String contentType, byte[] body) throws IOException {
    String head = "POST /api/auth/guest HTTP/1.1\r\nHost: x\r\n" + (contentType == null ? "" : "Content-Type: "
        + contentType + "\r\n") + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
    return raw(head, body);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "NONE"})
  void json_declared_as_something_else_is_415(String type) throws IOException {
    String r = guest(type.equals("NONE") ? null : type, "{\"displayName\":\"Ann\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(r).startsWith("HTTP/1.1 415").contains("/problems/unsupported-media-type");
  }

  @Test
  void a_key_given_twice_is_refused() throws IOException {
    String r = guest("application/json", "{\"displayName\":\"Ann\",\"displayName\":\"Eve\"}"
        .getBytes(StandardCharsets.UTF_8));

    assertThat(r).startsWith("HTTP/1.1 400").contains("/problems/malformed-body").contains("a key appears twice");
  }

  @Test
  void bytes_that_are_not_utf8_are_refused_not_replaced() throws IOException {
    byte[] body = {'{', '"', 'd', 'i', 's', 'p', 'l', 'a', 'y', 'N', 'a', 'm', 'e', '"', ':', '"', 'A', (byte) 0xC3, '"', '}'};

    assertThat(guest("application/json", body)).startsWith("HTTP/1.1 400").contains("not valid UTF-8");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"displayName\":", "{\"displayName\": 42}", "[1,2]", "{\"displayName\":\"Ann\"} trailing"})
  void a_malformed_body_is_described_without_naming_the_parser(String body) throws IOException {
    String r = guest("application/json", body.getBytes(StandardCharsets.UTF_8));

    assertThat(r).startsWith("HTTP/1.1 4").doesNotContain("Jackson").doesNotContain("com.fasterxml")
        .doesNotContain("java.lang").doesNotContain("JsonToken").doesNotContain("Source:");
  }
}
