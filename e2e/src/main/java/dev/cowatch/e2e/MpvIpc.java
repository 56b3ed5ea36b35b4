package dev.cowatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A client of mpv's JSON IPC socket ({@code --input-ipc-server}): mpv takes several clients at once, so
 * a test reads and moves the player that Syncplay drives as a person at its keyboard would. One request
 * at a time; mpv's event lines are skipped.
 */
public final class MpvIpc implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SocketChannel channel;
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
  private final StringBuilder pending = new StringBuilder();
  private int nextId = 1;

  private MpvIpc(SocketChannel channel) {
    this.channel = channel;
  }

  public static MpvIpc connect(Path socket) throws IOException {
    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
    c.connect(UnixDomainSocketAddress.of(socket));
    return new MpvIpc(c);
  }

  /** One reading of the player: its position and pause, and the wall time halfway through the request. */
  public record Sample(double positionMs, boolean paused, double wallMs) {
    /** Where the player is (or was) at wall time {@code atMs}. */
    public double positionAt(double atMs) {
      return paused ? positionMs : positionMs + (atMs - wallMs);
    }
  }

  /** Whether mpv has a file open (its position is known). */
  public synchronized boolean hasFile() throws IOException {
    try {
      command("get_property", "time-pos");
      return true;
    } catch (IOException unavailable) {
      if (unavailable.getMessage().contains("property unavailable")) return false;
      throw unavailable;
    }
  }

  public synchronized Sample sample() throws IOException {
    long before = System.currentTimeMillis();
    JsonNode pos = command("get_property", "time-pos");
    long after = System.currentTimeMillis();
    JsonNode paused = command("get_property", "pause");
    return new Sample(pos.asDouble(Double.NaN) * 1000, paused.asBoolean(), (before + after) / 2.0);
  }

  /** Pauses or plays, as the space bar does. */
  public synchronized void setPaused(boolean paused) throws IOException {
    command("set_property", "pause", paused);
  }

  /** Jumps to {@code seconds}, as a seek in the player does. */
  public synchronized void seekTo(double seconds) throws IOException {
    command("seek", seconds, "absolute");
  }

  private JsonNode command(Object... args) throws IOException {
    int id = nextId++;
    String line = JSON.writeValueAsString(java.util.Map.of("command", List.of(args), "request_id", id)) + "\n";
    ByteBuffer out = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (out.hasRemaining()) channel.write(out);
    while (true) {
      String reply = readLine();
      JsonNode node = JSON.readTree(reply);
      if (node.path("request_id").asInt(-1) != id) continue; // an event, or an older answer
      if (!"success".equals(node.path("error").asText())) {
        throw new IOException("mpv refused " + List.of(args) + ": " + node.path("error").asText());
      }
      return node.path("data");
    }
  }

  private String readLine() throws IOException {
    while (true) {
      int nl = pending.indexOf("\n");
      if (nl >= 0) {
        String line = pending.substring(0, nl);
        pending.delete(0, nl + 1);
        return line;
      }
      in.clear();
      if (channel.read(in) < 0) throw new IOException("mpv closed its IPC socket");
      in.flip();
      pending.append(StandardCharsets.UTF_8.decode(in));
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
