package dev.cowatch.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.server.syncplay.SyncplayCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Syncplay connection of the matrix, speaking the line protocol as Syncplay 1.6.9's client does, and
 * saying what came back in the matrix's words. Each connects from a loopback address of its own
 * (127.1.x.y): the password tries a server allows one address (20 in 15 minutes) would otherwise count
 * the matrix's own clients against each other.
 */
final class SyncplayClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger ADDRESSES = new AtomicInteger();
  /** How long any one line may take to come. */
  private static final int READ_TIMEOUT_MS = 10_000;
  /**
   * The reasons an Error line gives, as the table names them: the part of the server's sentence that says
   * which (the Error line carries no code). A sentence not here is written as its words joined by '-'.
   */
  private static final List<Map.Entry<String, String>> CLOSE_REASONS = List.of(
      Map.entry("not this room's password", "wrong-password"),
      Map.entry("needs its password", "password-required"),
      Map.entry("you need an invite", "invite-required"),
      Map.entry("does not admit guests", "guests-not-allowed"),
      Map.entry("banned", "banned"),
      Map.entry("try again", "too-many-password-guesses"),
      Map.entry("the client reported an error", "client-error"),
      Map.entry("say Hello first", "hello-first"));

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  /** The last State's count the client must echo for its own playstate to count (Syncplay's ignoringOnTheFly). */
  private int ignoringServer;
  private double lastLatencyCalculation;

  private SyncplayClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(READ_TIMEOUT_MS);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
  }

  static SyncplayClient connect(int port) {
    int n = ADDRESSES.incrementAndGet();
    byte[] from = {127, 1, (byte) (n / 250), (byte) (1 + n % 250)};
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(InetAddress.getByAddress(from), 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MS);
      return new SyncplayClient(s);
    } catch (IOException e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Failing anyway.
      }
      throw new UncheckedIOException(e);
    }
  }

  int ignoringServer() {
    return ignoringServer;
  }

  double lastLatencyCalculation() {
    return lastLatencyCalculation;
  }

  /**
   * Says Hello as {@code name} to the room {@code roomField} names: {@code applied} once the room's first
   * State came (and the client's player is up, so Cowatch's chat reaches it at once), else
   * {@code closed:<why>}.
   */
  String hello(String name, String roomField) {
    send("{\"Hello\": {\"username\": \"" + name + "\", \"room\": {\"name\": " + JSON.valueToTree(roomField)
        + "}, \"version\": \"1.2.255\", \"realversion\": \"1.6.9\", \"features\": {\"chat\": true, \"readiness\": true}}}");
    for (JsonNode line; (line = next()) != null;) {
      if (line.has("Error")) return closed(line);
      if (line.has("State")) {
        // The player opens a file (Syncplay's client says so once it has one), then a barrier: what the
        // join sent (its notices included) is all read before the command the matrix asks about.
        send("{\"Set\": {\"file\": {\"name\": \"film.mp4\", \"duration\": 600.0, \"size\": 4096}}}");
        String settled = untilListAnswers(1);
        return settled.equals("applied") ? "applied" : "settling after the join: " + settled;
      }
    }
    return "closed:without-a-word";
  }

  /** Sends the command's {@code line}, then a List, and says what came back before the List's answer. */
  String send(SyncplayCommand command, String line) {
    send(line);
    return untilListAnswers(command == SyncplayCommand.LIST ? 2 : 1);
  }

  private String untilListAnswers(int lists) {
    send("{\"List\": null}");
    String refused = null;
    int seen = 0;
    for (JsonNode line; (line = next()) != null;) {
      if (line.has("Error")) return closed(line);
      if (line.has("Chat") && "Cowatch".equals(line.path("Chat").path("username").asText())) {
        String message = line.path("Chat").path("message").asText();
        if (refused == null && message.startsWith("not applied")) refused = "refused:not-applied";
        if (refused == null && message.startsWith("not sent")) refused = "refused:not-sent";
      }
      if (line.has("List") && ++seen == lists) return refused != null ? refused : "applied";
    }
    return "closed:without-a-word";
  }

  private static String closed(JsonNode errorLine) {
    String message = errorLine.path("Error").path("message").asText();
    for (Map.Entry<String, String> r : CLOSE_REASONS) if (message.contains(r.getKey())) return "closed:" + r.getValue();
    return "closed:" + String.join("-", message.split("\\W+"));
  }

  /** The next line, its State's counts noted; null when the server closed. */
  private JsonNode next() {
    try {
      String text = in.readLine();
      if (text == null) return null;
      JsonNode line = JSON.readTree(text);
      JsonNode state = line.path("State");
      if (state.isObject()) {
        if (state.path("ignoringOnTheFly").path("server").isInt()) {
          ignoringServer = state.path("ignoringOnTheFly").path("server").asInt();
        }
        lastLatencyCalculation = state.path("ping").path("latencyCalculation").asDouble();
      }
      return line;
    } catch (java.net.SocketException e) {
      return null; // reset after the server's Error: closed
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(String line) {
    try {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // The server closed first; what it said is read next.
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Gone already.
    }
  }
}
