package dev.cowatch.bridge.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Discord's desktop client as far as its local IPC goes: a Unix socket named like Discord's that
 * answers a handshake with READY, answers commands, and checks every frame against what Discord
 * accepts (the handshake's version and client id, SET_ACTIVITY's pid, party size and join secret,
 * SUBSCRIBE's event): a frame that breaks a rule is answered with an ERROR event and recorded in
 * {@link #violations()}. Tests push events (ACTIVITY_JOIN, PING) to the connected client.
 */
public final class FakeDiscord implements AutoCloseable {
  private final ObjectMapper json = new ObjectMapper();
  private final ServerSocketChannel server;
  private final Path socket;
  private final List<DiscordFrame> received = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile SocketChannel client;

  public FakeDiscord(Path socket) throws IOException {
    this.socket = socket;
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  public List<DiscordFrame> received() {
    return List.copyOf(received);
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** The args of every SET_ACTIVITY received, in order. */
  public List<JsonNode> activities() {
    return commands("SET_ACTIVITY").stream().map(m -> m.path("args")).toList();
  }

  public List<JsonNode> commands(String cmd) {
    return received.stream().filter(f -> f.opcode() == DiscordFrame.FRAME).map(this::tree)
        .filter(m -> cmd.equals(m.path("cmd").asText())).toList();
  }

  public boolean connected() {
    return client != null && client.isOpen();
  }

  public void sendJoin(String secret) throws IOException {
    ObjectNode m = json.createObjectNode().put("cmd", "DISPATCH").put("evt", "ACTIVITY_JOIN");
    m.putObject("data").put("secret", secret);
    send(new DiscordFrame(DiscordFrame.FRAME, m.toString()));
  }

  public void send(DiscordFrame f) throws IOException {
    SocketChannel c = client;
    if (c == null) throw new IOException("no client");
    ByteBuffer b = ByteBuffer.wrap(f.encode());
    synchronized (this) {
      while (b.hasRemaining()) c.write(b);
    }
  }

  private void acceptLoop() {
    try {
      while (server.isOpen()) {
        SocketChannel c = server.accept();
        client = c;
        Thread.ofVirtual().start(() -> serve(c));
      }
    } catch (IOException e) {
      // closed
    }
  }

  private void serve(SocketChannel c) {
    try {
      InputStream in = Channels.newInputStream(c);
      DiscordFrame hello = DiscordFrame.read(in);
      received.add(hello);
      JsonNode h = tree(hello);
      if (hello.opcode() != DiscordFrame.HANDSHAKE || h.path("v").asInt() != 1 || !h.path("client_id").asText().matches("\\d+")) {
        violations.add("bad handshake: " + hello);
        send(new DiscordFrame(DiscordFrame.CLOSE, "{\"code\":4000,\"message\":\"Invalid client ID\"}"));
        c.close();
        return;
      }
      ObjectNode ready = json.createObjectNode().put("cmd", "DISPATCH").put("evt", "READY");
      ready.putObject("data").put("v", 1).putObject("user").put("id", "1").put("username", "fake");
      send(new DiscordFrame(DiscordFrame.FRAME, ready.toString()));
      while (true) {
        DiscordFrame f = DiscordFrame.read(in);
        received.add(f);
        if (f.opcode() == DiscordFrame.FRAME) answer(tree(f));
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void answer(JsonNode m) throws IOException {
    String problem = check(m);
    ObjectNode reply = json.createObjectNode().put("cmd", m.path("cmd").asText()).put("nonce", m.path("nonce").asText());
    if (problem != null) {
      violations.add(problem + ": " + m);
      reply.put("evt", "ERROR").putObject("data").put("code", 4000).put("message", problem);
    } else {
      reply.putNull("evt");
      reply.putObject("data");
    }
    send(new DiscordFrame(DiscordFrame.FRAME, reply.toString()));
  }

  /** What Discord would refuse in this command, or null. */
  private static String check(JsonNode m) {
    if (m.path("nonce").asText().isEmpty()) return "no nonce";
    switch (m.path("cmd").asText()) {
      case "SUBSCRIBE" -> {
        return m.path("evt").asText().matches("ACTIVITY_JOIN|ACTIVITY_SPECTATE|ACTIVITY_JOIN_REQUEST") ? null : "unknown event";
      }
      case "SET_ACTIVITY" -> {
        JsonNode args = m.path("args");
        if (!args.path("pid").canConvertToLong() || args.path("pid").asLong() <= 0) return "no pid";
        JsonNode a = args.path("activity");
        if (a.isMissingNode() || a.isNull()) return null; // clearing the activity
        for (String f : List.of("details", "state")) {
          int n = a.path(f).asText().length();
          if (a.has(f) && (n < 2 || n > 128)) return f + " must be 2-128 characters";
        }
        JsonNode size = a.path("party").path("size");
        if (a.has("party") && (!size.isArray() || size.size() != 2 || size.get(0).asInt() < 1
            || size.get(0).asInt() > size.get(1).asInt())) {
          return "party size must be [current, max] with 1 <= current <= max";
        }
        JsonNode join = a.path("secrets").path("join");
        if (a.has("secrets") && (join.asText().isEmpty() || join.asText().length() > 128)) return "join secret 1-128 characters";
        if (a.has("secrets") && !a.path("party").has("id")) return "secrets need a party id";
        return null;
      }
      default -> {
        return "unexpected command " + m.path("cmd").asText();
      }
    }
  }

  private JsonNode tree(DiscordFrame f) {
    try {
      return json.readTree(f.json());
    } catch (IOException e) {
      violations.add("not JSON: " + f.json());
      return json.createObjectNode();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    SocketChannel c = client;
    if (c != null) c.close();
    acceptor.interrupt();
    Files.deleteIfExists(socket);
  }
}
