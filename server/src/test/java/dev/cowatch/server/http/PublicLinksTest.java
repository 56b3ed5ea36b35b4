package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * Links the server hands out (room invites, showing links, calendar entries) name the server as its
 * configuration does: a request's Host header is chosen by whoever sends it, and an invitation mail
 * pointing at their host would send a friend to them.
 */
class PublicLinksTest {
  private static final String EVIL = "evil.example";

  @Test
  void links_never_take_the_requests_host_header() throws Exception {
    try (TestServer server = new TestServer(); Api api = new Api(server)) {
      Api.Who ann = api.account("Ann");
      String room = api.call("POST", "/api/rooms", "{\"name\":\"Film\"}", ann.token()).json().get("id").asText();
      String startsAt = LocalDateTime.now(ZoneOffset.UTC).plusDays(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));

      String invite = raw(server, "POST", "/api/rooms/" + room + "/invites", "{}", ann.token());
      String showing = raw(server, "POST", "/api/showings", "{\"title\":\"Premiere\",\"startsAt\":\"" + startsAt
          + "\",\"timeZone\":\"UTC\",\"episodes\":[{\"mediaId\":\"https://example.org/a.mp4\",\"durationMs\":60000}]}",
          ann.token());
      String showingId = showing.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
      String calendar = raw(server, "GET", "/api/showings/" + showingId + "/calendar.ics", null, ann.token());

      String base = server.server().publicUrl();
      assertThat(invite).startsWith("HTTP/1.1 201").contains("\"url\":\"" + base + "/i/").doesNotContain(EVIL);
      assertThat(showing).startsWith("HTTP/1.1 201").contains("\"link\":\"" + base + "/").doesNotContain(EVIL);
      assertThat(calendar).startsWith("HTTP/1.1 200").contains(base.replace("http://", "")).doesNotContain(EVIL);
    }
  }

  @Test
  void without_a_configured_public_url_links_name_the_address_the_server_listens_on() {
    try (TestServer server = new TestServer()) {
      assertThat(server.server().publicUrl()).isEqualTo(server.baseUri().toString());
    }
  }

  /** One HTTP/1.1 exchange on a plain socket, with a Host header that java.net.http will not send. */
  private static String raw(TestServer server, String method, String path, String body, String token) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + EVIL + "\r\nAuthorization: Bearer " + token
        + "\r\nConnection: close\r\n" + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: "
        + bytes.length + "\r\n") + "\r\n";
    try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
