package dev.cowatch.bridge.mpv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.bridge.UnixLineSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * mpv's JSON IPC (https://mpv.io/manual/stable/#json-ipc): one JSON object per line; commands carry a
 * {@code request_id} and are answered with it, events ({@code property-change}, {@code seek},
 * {@code playback-restart}, {@code end-file} ...) arrive between answers. Thread-safe.
 */
public final class MpvIpc implements AutoCloseable {
  /** An answer slower than this means mpv hangs; callers are not held longer. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Consumer<JsonNode> events;
  private final UnixLineSocket socket;

  private MpvIpc(Path socketPath, Consumer<JsonNode> events, Runnable onClosed) throws IOException {
    this.events = events;
    this.socket = UnixLineSocket.connect(socketPath, this::onLine, () -> {
      pending.values().forEach(f -> f.completeExceptionally(new IOException("mpv closed its IPC socket")));
      onClosed.run();
    });
  }

  /** Connects to the socket of an mpv started with {@code --input-ipc-server=<path>}. */
  public static MpvIpc connect(Path socketPath, Consumer<JsonNode> events, Runnable onClosed) throws IOException {
    return new MpvIpc(socketPath, events, onClosed);
  }

  /** Sends a command ({@code ["set_property","pause",true]}) and returns mpv's answer's {@code data}. */
  public CompletableFuture<JsonNode> command(Object... args) {
    long id = nextId.getAndIncrement();
    ObjectNode msg = json.createObjectNode();
    ArrayNode command = msg.putArray("command");
    for (Object a : args) command.addPOJO(a);
    msg.put("request_id", id);
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      socket.send(json.writeValueAsString(msg));
    } catch (IOException e) {
      pending.remove(id);
      answer.completeExceptionally(e);
    }
    return answer.orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> pending.remove(id));
  }

  /** The command's answer, waited for; an mpv error (e.g. property unavailable) is an IOException. */
  public JsonNode call(Object... args) throws IOException {
    try {
      return command(args).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("mpv: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Fire and forget: mpv's answer is not awaited (a failure is logged by the caller's next reading). */
  public void send(Object... args) {
    command(args).exceptionally(e -> null);
  }

  public boolean isOpen() {
    return socket.isOpen();
  }

  private void onLine(String line) {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (IOException e) {
      return; // not JSON: mpv never sends that; ignore rather than die
    }
    if (node == null || !node.isObject()) return;
    if (node.has("request_id") && !node.has("event")) {
      CompletableFuture<JsonNode> f = pending.get(node.get("request_id").asLong());
      if (f == null) return;
      String error = node.path("error").asText("success");
      if ("success".equals(error)) {
        f.complete(node.path("data"));
      } else {
        f.completeExceptionally(new IOException("mpv: " + error));
      }
      return;
    }
    if (node.has("event")) events.accept(node);
  }

  @Override
  public void close() {
    socket.close();
  }

}
