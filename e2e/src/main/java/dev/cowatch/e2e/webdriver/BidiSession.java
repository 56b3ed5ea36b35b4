package dev.cowatch.e2e.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebDriver BiDi session (Firefox's own remote protocol, over a WebSocket) on the browser's first
 * tab: commands are JSON messages with an id, answered by a message with the same id; events are
 * ignored. A command the browser refuses throws with its error and message.
 */
public final class BidiSession implements RemotePage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long COMMAND_TIMEOUT_S = 60;
  /** How long {@link #click} and {@link #type} wait for their element to appear (the app renders after load). */
  private static final long FIND_MS = 15_000;

  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private String context;

  private BidiSession(URI uri) throws IOException {
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted connecting to " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("no WebDriver BiDi at " + uri + ": " + e.getMessage(), e);
    }
  }

  /** A new session on the browser listening at {@code uri} (ws://host:port/session), on its first tab. */
  public static BidiSession open(URI uri) throws IOException {
    BidiSession s = new BidiSession(uri);
    try {
      s.send("session.new", Map.of("capabilities", Map.of()));
      s.context = s.send("browsingContext.getTree", Map.of()).path("contexts").path(0).path("context").asText();
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void navigate(String url) throws IOException {
    send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
  }

  @Override
  public String evaluate(String expression) throws IOException {
    JsonNode r = send("script.evaluate", Map.of("expression",
        "Promise.resolve(" + expression + ").then((v) => JSON.stringify(v ?? null))",
        "target", Map.of("context", context), "awaitPromise", true));
    if ("exception".equals(r.path("type").asText())) {
      throw new IOException("script error: " + r.path("exceptionDetails").path("text").asText());
    }
    return r.path("result").path("value").asText();
  }

  @Override
  public void click(String css) throws IOException {
    Map<String, Object> origin = Map.of("type", "element", "element", Map.of("sharedId", element(css)));
    perform(Map.of("type", "pointer", "id", "mouse", "parameters", Map.of("pointerType", "mouse"), "actions", List.of(
        Map.of("type", "pointerMove", "x", 0, "y", 0, "origin", origin),
        Map.of("type", "pointerDown", "button", 0),
        Map.of("type", "pointerUp", "button", 0))));
  }

  @Override
  public void type(String css, String text) throws IOException {
    click(css);
    List<Map<String, Object>> keys = new ArrayList<>();
    text.codePoints().forEach(c -> {
      String key = Character.toString(c);
      keys.add(Map.of("type", "keyDown", "value", key));
      keys.add(Map.of("type", "keyUp", "value", key));
    });
    perform(Map.of("type", "key", "id", "keyboard", "actions", keys));
  }

  @Override
  public void resize(int width, int height) throws IOException {
    send("browsingContext.setViewport", Map.of("context", context, "viewport", Map.of("width", width, "height", height)));
  }

  @Override
  public byte[] screenshot() throws IOException {
    return Base64.getDecoder().decode(send("browsingContext.captureScreenshot", Map.of("context", context)).path("data").asText());
  }

  private void perform(Map<String, Object> source) throws IOException {
    send("input.performActions", Map.of("context", context, "actions", List.of(source)));
  }

  /** The element's shared reference, once the page has it. */
  private String element(String css) throws IOException {
    long until = System.currentTimeMillis() + FIND_MS;
    while (true) {
      JsonNode r = send("script.evaluate", Map.of("expression", "document.querySelector(" + JSON.writeValueAsString(css) + ")",
          "target", Map.of("context", context), "awaitPromise", false));
      String id = r.path("result").path("sharedId").asText();
      if (!id.isEmpty()) return id;
      if (System.currentTimeMillis() > until) throw new IOException("no element " + css + " after " + FIND_MS + " ms");
      Launch.pause(100);
    }
  }

  private JsonNode send(String method, Map<String, Object> params) throws IOException {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
          .get(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
      JsonNode m = answer.get(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
      if ("error".equals(m.path("type").asText())) {
        throw new IOException("BiDi " + method + ": " + m.path("error").asText() + ": " + m.path("message").asText());
      }
      return m.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + method, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("BiDi " + method + " failed: " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void close() {
    try {
      send("session.end", Map.of());
    } catch (IOException e) {
      // The browser is stopped next anyway.
    }
    socket.abort();
  }

  /** Gathers a message's fragments and hands each answer to the command that waits for it. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(text.toString());
          CompletableFuture<JsonNode> f = m.has("id") ? pending.get(m.path("id").asLong()) : null;
          if (f != null) f.complete(m);
        } catch (IOException e) {
          // Not JSON: not an answer to anything of ours.
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      pending.values().forEach(f -> f.completeExceptionally(new IOException("BiDi socket closed: " + status + " " + reason)));
      return null;
    }
  }
}
