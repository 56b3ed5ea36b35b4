package dev.cowatch.server.syncplay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.Limits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Syncplay endpoint's refusals and limits, on the real server over a plain socket (the happy path
 * runs against a real Syncplay client in e2e's SyncplayBrowserTest): each ends with an Error line that
 * says why, then the connection closes.
 */
class SyncplayEndpointTest {
  private static final String HELLO = "{\"Hello\": {\"username\": \"Bob\", \"room\": {\"name\": \"%s\"},"
      + " \"version\": \"1.2.255\", \"realversion\": \"1.6.9\"}}";

  private TestServer server;

  private void start(int connectionsPerAddress) {
    Limits limits = Limits.DEFAULTS.withPerAddress(connectionsPerAddress, ServerConfig.LOOPBACK_CROWD);
    server = new TestServer(TestServer.tempDir(), c -> c.limits(limits).syncplay(SyncplayConfig.on(0)),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  /** One Syncplay connection: lines out, lines in (each read waits at most 5 s). */
  private final class Line implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final OutputStream out;

    Line() throws IOException {
      socket = new Socket("127.0.0.1", server.server().syncplay().port());
      socket.setSoTimeout(5_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Every line until the server closes. */
    List<String> untilClosed() throws IOException {
      List<String> lines = new ArrayList<>();
      for (String l; (l = in.readLine()) != null;) lines.add(l);
      return lines;
    }

    /** Lines until one contains {@code text} (that one included). */
    List<String> until(String text) throws IOException {
      List<String> lines = new ArrayList<>();
      for (String l; (l = in.readLine()) != null;) {
        lines.add(l);
        if (l.contains(text)) return lines;
      }
      throw new AssertionError("closed before '" + text + "'; got " + lines);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void tls_isRefusedAsSyncplaysServerWithoutCertificatesDoes_thenAnUnknownRoomIsToldWhy() throws Exception {
    start(64);
    try (Line c = new Line()) {
      c.send("{\"TLS\": {\"startTLS\": \"send\"}}");
      assertThat(c.in.readLine()).isEqualTo("{\"TLS\":{\"startTLS\":\"false\"}}");

      c.send(HELLO.formatted("Movie night"));

      assertThat(c.untilClosed()).singleElement().asString().startsWith("{\"Error\":")
          .contains("'Movie night' is not a Cowatch room code");
    }
  }

  @Test
  void passwordRoom_isEnteredWithCodeColonPassword_andTheNameToldBackHasNoPassword() throws Exception {
    start(64);
    RoomId room = server.server().rooms().management().create(TestServer.OWNER,
        RoomSettings.defaults("Private film", 5_000), "open sesame", "https://example.org/film.mp4", "127.0.0.1").id();
    try (Line without = new Line()) {
      without.send(HELLO.formatted(room.value()));
      assertThat(String.join("\n", without.untilClosed())).contains("Error").contains("password")
          .contains("<code>:<password>");
    }
    try (Line wrong = new Line()) {
      wrong.send(HELLO.formatted(room.value() + ":guess"));
      assertThat(String.join("\n", wrong.untilClosed())).contains("Error").contains("not this room's password");
    }
    try (Line right = new Line()) {
      right.send(HELLO.formatted(room.value() + ":open sesame"));

      List<String> lines = right.until("\"State\"");
      assertThat(lines.get(0)).startsWith("{\"Hello\":").contains("\"room\":{\"name\":\"" + room.value() + "\"}")
          .doesNotContain("sesame");
      assertThat(lines.getLast()).contains("\"doSeek\":true").contains("\"ignoringOnTheFly\":{\"server\":1}");
      assertThat(server.server().rooms().service().find(room).orElseThrow().members())
          .extracting(Member::displayName, Member::client).containsExactly(org.assertj.core.groups.Tuple.tuple("Bob",
              "syncplay"));
      // The operator counts Syncplay clients beside the room sockets' kinds.
      assertThat(syncplayClientsInMetrics()).isEqualTo(1.0);
    }
  }

  private double syncplayClientsInMetrics() throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      String body = http.send(java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      return dev.cowatch.server.ops.PrometheusText.parse(body).require("cowatch_members_connected{client=\"syncplay\"}");
    }
  }

  @Test
  void commandsBeforeHello_andALineOverTheLimit_endTheConnectionWithAnError() throws Exception {
    start(64);
    try (Line early = new Line()) {
      early.send("{\"State\": {}}");
      assertThat(early.untilClosed()).containsExactly("{\"Error\":{\"message\":\"say Hello first\"}}");
    }
    try (Line long_ = new Line()) {
      long_.send("{\"Chat\": \"" + "x".repeat(Limits.DEFAULTS.maxFrameBytes()) + "\"}");
      assertThat(String.join("\n", long_.untilClosed())).contains("Error")
          .contains("a line longer than " + Limits.DEFAULTS.maxFrameBytes() + " bytes");
    }
  }

  @Test
  void connectionsOverThePerAddressLimit_areRefused_andCountAgainOnceClosed() throws Exception {
    start(2);
    try (Line a = new Line(); Line b = new Line()) {
      try (Line third = new Line()) {
        assertThat(third.untilClosed()).singleElement().asString().contains("too many connections from your address");
      }
      for (Line open : List.of(a, b)) {
        open.send("{\"TLS\": {\"startTLS\": \"send\"}}");
        assertThat(open.in.readLine()).as("the two within the limit are served").contains("TLS");
      }
    }
    Thread.sleep(200); // the server notices the two closes
    try (Line again = new Line()) {
      again.send("{\"TLS\": {\"startTLS\": \"send\"}}");
      assertThat(again.in.readLine()).contains("TLS");
    }
  }
}
