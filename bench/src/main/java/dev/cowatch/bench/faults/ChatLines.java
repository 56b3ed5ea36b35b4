package dev.cowatch.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Every chat line a room keeps, read as a newcomer reads them: the history after joining, then page by page back. */
final class ChatLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatLines() {}

  /** The texts of the room's lines; fails when the room does not answer within {@code within}. */
  static Set<String> of(URI balancer, String room, String token, Duration within) throws Exception {
    LinkedBlockingQueue<JsonNode> pages = new LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    URI socket = URI.create(balancer.toString().replaceFirst("^http", "ws") + "/ws/rooms/" + room);
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(socket, new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            JsonNode m = JSON.readTree(partial.toString());
            if ("chatHistory".equals(m.path("type").asText())) pages.add(m);
          } catch (java.io.IOException ignored) {
            // not JSON: not a page
          }
          partial.setLength(0);
        }
        w.request(1);
        return null;
      }
    }).get(within.toMillis(), TimeUnit.MILLISECONDS);
    try {
      ws.sendText("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Checker\",\"token\":\"" + token + "\"}", true)
          .get(5, TimeUnit.SECONDS);
      Set<String> texts = new HashSet<>();
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        JsonNode page = pages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (page == null) throw new java.io.IOException("room " + room + " sent no chat history in time");
        JsonNode lines = page.path("messages");
        lines.forEach(l -> texts.add(l.path("text").asText()));
        if (!page.path("more").asBoolean() || lines.isEmpty()) return texts;
        CompletableFuture<WebSocket> asked = ws.sendText(
            "{\"type\":\"chatHistory\",\"before\":" + lines.get(0).path("id").asLong() + "}", true);
        asked.get(5, TimeUnit.SECONDS);
      }
    } finally {
      ws.abort();
    }
  }
}
