package dev.cowatch.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.bench.faults.History.Answered;
import dev.cowatch.bench.faults.History.Observed;
import dev.cowatch.bench.faults.History.Outcome;
import dev.cowatch.bench.faults.History.Sent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One viewer of a fault run on the room's WebSocket, through the load balancer, recording as Jepsen's clients do: each
 * operation when it is sent and how it was answered, and every timeline it is sent, as it came off the wire. It speaks
 * the protocol itself (docs/protocol.md) rather than through the reference client, whose mirror keeps only newer
 * timelines: the checker must see what the deployment said, not what a client made of it. When its connection ends it
 * dials again, as the reference client does, and resumes its member with the resume token.
 *
 * <p>One operation at a time: the answer to a timeline intent is the first timeline whose cause is this member and
 * this intent; to a chat line, the line with this client's line id; an error with the operation's ref refuses it.
 */
final class RecordingClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** An operation not answered by then is recorded as not known, as a person who gives up waiting would. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(8);

  private final String name;
  private final URI socket;
  /** The access token to say hello with (null: a guest of no account). */
  private final java.util.function.Supplier<String> token;
  private final String room;
  private final Recorder recorder;
  private final ScheduledExecutorService timer;
  private final HttpClient http = HttpClient.newHttpClient();

  private final Object lock = new Object();
  private WebSocket ws;
  private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
  private boolean joined;
  private boolean closed;
  private int attempts;
  private String memberId;
  private String resumeToken;
  private long version = -1;
  private String state = "";
  private Pending pending;
  private final StringBuilder partial = new StringBuilder();
  private volatile long lastHeardNanos = System.nanoTime();
  /** A socket that said nothing for this long (not even a pong) is given up and dialled again, as the web app does. */
  static final Duration SILENT_AFTER = Duration.ofSeconds(6);

  /**
   * What this client waits to hear about: {@code intent} for a timeline intent (sent on {@code version}),
   * {@code lineId} for a chat line.
   */
  private record Pending(long op, String ref, String intent, long version, String lineId,
      CompletableFuture<Outcome> outcome) {}

  RecordingClient(String name, URI balancer, String room, java.util.function.Supplier<String> token, Recorder recorder,
      ScheduledExecutorService timer) {
    this.name = name;
    this.socket = URI.create(balancer.toString().replaceFirst("^http", "ws") + "/ws/rooms/" + room);
    this.room = room;
    this.token = token;
    this.recorder = recorder;
    this.timer = timer;
    timer.scheduleWithFixedDelay(this::ping, 1, 2, TimeUnit.SECONDS);
  }

  String name() {
    return name;
  }

  String room() {
    return room;
  }

  boolean joined() {
    synchronized (lock) {
      return joined;
    }
  }

  void connect() {
    http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3)).buildAsync(socket, new Listener())
        .whenComplete((opened, failed) -> {
          if (failed != null) dialAgain();
        });
  }

  private void dialAgain() {
    synchronized (lock) {
      if (closed) return;
      attempts++;
    }
    timer.schedule(this::connect, Math.min(2_000, 100L << Math.min(attempts, 5)), TimeUnit.MILLISECONDS);
  }

  /**
   * Sends a timeline intent and waits for its answer: {@code kind} play, pause or seek. A play while the room plays
   * and a pause while it is paused are not sent: the room would take them without effect and say nothing
   * (docs/protocol.md, 8.1), as a person does not press play on a playing film.
   */
  Outcome intent(String kind, Long positionMs) {
    ObjectNode message = JSON.createObjectNode().put("type", kind);
    synchronized (lock) {
      if (!joined || inEffect(kind, state)) return null;
      message.put("version", version);
    }
    if (positionMs != null) message.put("positionMs", positionMs);
    return perform(kind, message, kind, null, null);
  }

  /** Whether an intent of {@code kind} would change nothing in a room whose timeline is in {@code state}. */
  private static boolean inEffect(String kind, String state) {
    return kind.equals("play") && !state.equals("paused") || kind.equals("pause") && state.equals("paused");
  }

  /** Posts a chat line and waits for it to come back. */
  Outcome chat(String text) {
    ObjectNode message = JSON.createObjectNode().put("type", "chat").put("text", text);
    String lineId = "l" + recorder.nextOp();
    message.put("lineId", lineId);
    return perform("chat", message, null, lineId, text);
  }

  private Outcome perform(String kind, ObjectNode message, String intent, String lineId, String durableKey) {
    long op = recorder.nextOp();
    String ref = "r" + op;
    message.put("ref", ref);
    Pending p = new Pending(op, ref, intent, message.path("version").asLong(-1), lineId, new CompletableFuture<>());
    synchronized (lock) {
      if (!joined || pending != null) return null;
      pending = p;
      recorder.add(new Sent(recorder.nowMs(), name, room, op, kind, durableKey));
      send(message.toString());
    }
    try {
      return p.outcome().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException late) {
      answer(p, Outcome.UNKNOWN, -1, null);
      return Outcome.UNKNOWN;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(p, Outcome.UNKNOWN, -1, null);
      return Outcome.UNKNOWN;
    }
  }

  /** Records the answer to {@code p} once, if it is still what this client waits for. */
  private void answer(Pending p, Outcome outcome, long version, String timeline) {
    answer(p, outcome, version, timeline, null);
  }

  private void answer(Pending p, Outcome outcome, long version, String timeline, String code) {
    synchronized (lock) {
      if (pending != p) return;
      pending = null;
      recorder.add(new Answered(recorder.nowMs(), name, p.op(), outcome, version, timeline, code));
    }
    p.outcome().complete(outcome);
  }

  private void send(String text) {
    synchronized (lock) {
      WebSocket to = ws;
      if (to == null) return;
      // One frame at a time: the JDK's WebSocket refuses a send while another is under way.
      sending = sending.handle((r, e) -> null).thenCompose(x -> to.sendText(text, true)).exceptionally(e -> null);
    }
  }

  private void ping() {
    if (!joined()) return;
    if (System.nanoTime() - lastHeardNanos > SILENT_AFTER.toNanos()) {
      WebSocket silent;
      synchronized (lock) {
        silent = ws;
      }
      if (silent != null) {
        silent.abort();
        lost(silent);
      }
      return;
    }
    send("{\"type\":\"ping\",\"t0\":" + System.currentTimeMillis() + "}");
  }

  private void onMessage(JsonNode m) {
    String type = m.path("type").asText();
    switch (type) {
      case "joined" -> {
        synchronized (lock) {
          joined = true;
          attempts = 0;
          memberId = m.path("memberId").asText();
          resumeToken = m.path("resumeToken").asText();
        }
        observed(m.path("room").path("timeline"));
      }
      case "timeline" -> {
        JsonNode t = m.path("timeline");
        observed(t);
        Pending p;
        String me;
        synchronized (lock) {
          p = pending;
          me = memberId;
        }
        JsonNode cause = m.path("cause");
        if (p != null && p.intent() != null && cause.path("memberId").asText().equals(me)
            && cause.path("intent").asText().equals(p.intent())) {
          answer(p, Outcome.ACKED, t.path("version").asLong(), Timelines.canonical(t));
        } else if (p != null && p.intent() != null && !p.intent().equals("seek")
            && t.path("version").asLong() > p.version() && inEffect(p.intent(), t.path("state").asText())) {
          // Someone else's change did what this intent asked first: the room takes this one without effect and says
          // nothing (docs/protocol.md, 8.2). An answer, not a refusal.
          answer(p, Outcome.DECLINED, -1, null);
        }
      }
      case "error" -> {
        if (m.hasNonNull("timeline")) observed(m.path("timeline"));
        Pending p;
        synchronized (lock) {
          p = pending;
        }
        if (p != null && p.ref().equals(m.path("ref").asText(null))) {
          String code = m.path("code").asText();
          answer(p, outage(code) ? Outcome.UNAVAILABLE : Outcome.DECLINED, -1, null, code);
        }
      }
      case "chat" -> {
        Pending p;
        synchronized (lock) {
          p = pending;
        }
        if (p != null && p.lineId() != null && p.lineId().equals(m.path("message").path("lineId").asText(null))) {
          answer(p, Outcome.ACKED, -1, null);
        }
      }
      default -> { }
    }
  }

  /**
   * Whether an error says the deployment could not decide now (its state, not the intent's merits): counted in the
   * room's refusal. {@code internal} is one too (a store that failed under the decision), and so is
   * {@code not_a_member} to a viewer nobody removed: the deployment let its member go while its socket stayed open (the
   * run saw viewers so for minutes after a node was paused). A conflict, a rate limit or a role's refusal is an answer.
   */
  static boolean outage(String code) {
    return "unavailable".equals(code) || "internal".equals(code) || "not_a_member".equals(code);
  }

  private void observed(JsonNode timeline) {
    if (timeline.isMissingNode() || timeline.isNull()) return;
    long v = timeline.path("version").asLong();
    synchronized (lock) {
      if (v > version) {
        version = v;
        state = timeline.path("state").asText();
      }
    }
    recorder.add(new Observed(recorder.nowMs(), name, room, v, Timelines.canonical(timeline)));
  }

  private void lost(WebSocket which) {
    Pending p;
    synchronized (lock) {
      if (ws != which) return;
      ws = null;
      joined = false;
      p = pending;
    }
    if (p != null) answer(p, Outcome.UNKNOWN, -1, null);
    dialAgain();
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public void onOpen(WebSocket webSocket) {
      ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("protocol", 1).put("name", name);
      String t = token.get();
      if (t != null) hello.put("token", t);
      lastHeardNanos = System.nanoTime();
      synchronized (lock) {
        ws = webSocket;
        if (resumeToken != null) hello.put("resumeToken", resumeToken);
      }
      send(hello.toString());
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      lastHeardNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          onMessage(JSON.readTree(text));
        } catch (java.io.IOException e) {
          System.err.println("faults: " + name + " could not read " + text);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      lost(webSocket);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost(webSocket);
    }
  }

  @Override
  public void close() {
    WebSocket to;
    synchronized (lock) {
      closed = true;
      to = ws;
    }
    if (to != null) to.abort();
  }
}
