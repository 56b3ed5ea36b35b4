package dev.cowatch.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.security.AuthorizationMatrix.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every message of the room socket's protocol (the names of the sealed {@link ClientMessage}'s
 * subtypes), sent by every actor that says hello to the world's private room, against the {@code WS}
 * rows of {@code authorization-matrix.tsv}. The answer is {@code applied} (no error came back before
 * the pong of a ping sent after it), {@code refused:<error code>}, {@code closed:<close code>}, or, for
 * an actor the room did not let in, {@code not-joined}; {@code WS hello} rows say how the join went.
 */
class SocketAuthorizationMatrixTest {
  private static final String REF = "matrix";
  private static TestServer ts;
  private static MatrixHttp http;
  private static AuthorizationMatrix matrix;

  @BeforeAll
  static void start() {
    matrix = AuthorizationMatrix.load(MatrixFiles.TABLE);
    ts = new TestServer(MatrixFiles.dataDir(), dev.cowatch.core.Tolerances.DEFAULTS,
        dev.cowatch.server.platform.Limits.DEFAULTS);
    http = new MatrixHttp(ts.baseUri());
  }

  @AfterAll
  static void stop() {
    http.close();
    ts.close();
    MatrixFiles.delete(ts.dataDir());
  }

  /** The wire names of the client's messages, from the protocol's own list of ClientMessage's subtypes. */
  static Set<String> messageTypes() {
    Set<String> names = new LinkedHashSet<>();
    for (JsonSubTypes.Type t : ClientMessage.class.getAnnotation(JsonSubTypes.class).value()) names.add(t.name());
    assertThat(names).contains("hello", "play", "setMedia", "queueAdd", "chat");
    return names;
  }

  @Test
  void everyWsRowOfTheTable_namesAMessageOfTheProtocol() {
    Set<String> rows = new LinkedHashSet<>();
    for (String key : matrix.operations(Set.of("WS"))) rows.add(key.substring("WS ".length()));
    assertThat(messageTypes()).containsAll(rows);
  }

  @TestFactory
  Stream<DynamicTest> everyMessage_answersEveryActorAsTheTableSays() {
    return messageTypes().stream().map(type -> DynamicTest.dynamicTest("WS " + type, () -> check(type)));
  }

  private static void check(String type) {
    MatrixWorld w = new MatrixWorld(ts, http);
    String strangersFilm = MatrixWorld.importFilm(ts, w.actor("stranger"), "of a stranger");
    Map<String, RawSocket> sockets = new LinkedHashMap<>();
    Map<String, String> joins = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    try {
      for (String actor : AuthorizationMatrix.ACTORS) {
        RawSocket s = RawSocket.open(ts.wsUri(w.roomId));
        sockets.put(actor, s);
        joins.put(actor, hello(s, w.actor(actor)));
      }
      String ownerMember = sockets.get("owner").messages(ServerMessage.Joined.class).getFirst().memberId();
      for (String actor : AuthorizationMatrix.ACTORS) {
        String observed = type.equals("hello") ? joins.get(actor)
            : !joins.get(actor).equals("applied") ? "not-joined"
            : send(sockets.get(actor), payload(type, w, strangersFilm, ownerMember));
        Optional<Row> row = matrix.rowFor("WS " + type, actor);
        if (row.isEmpty()) {
          wrong.add(actor + ": no row in " + MatrixFiles.TABLE + " (the server answers " + observed + ")");
        } else if (!row.get().expected().matches(observed)) {
          wrong.add(actor + ": table (line " + row.get().line() + ") says " + row.get().expected() + ", server answered "
              + observed);
        }
      }
    } finally {
      sockets.values().forEach(RawSocket::close);
    }
    assertThat(wrong).as("WS " + type).isEmpty();
  }

  /** {@code applied} when the room let the actor in, else its error code or close code. */
  private static String hello(RawSocket s, MatrixWorld.Actor a) {
    s.send("{\"type\":\"hello\",\"protocol\":1,\"name\":\"" + a.name() + "\""
        + (a.token() == null ? "" : ",\"token\":\"" + a.token() + "\"") + "}");
    Timings.within(RawSocket.WAIT).until(() -> !s.messages(ServerMessage.Joined.class).isEmpty()
        || !s.messages(ServerMessage.Error.class).isEmpty() || s.isClosed());
    if (!s.messages(ServerMessage.Joined.class).isEmpty()) {
      Timings.within(RawSocket.WAIT).until(() -> !s.messages(ServerMessage.ChatHistory.class).isEmpty());
      return "applied";
    }
    List<ServerMessage.Error> errors = s.messages(ServerMessage.Error.class);
    return errors.isEmpty() ? "closed:" + s.awaitClose(RawSocket.WAIT) : "refused:" + errors.getFirst().code();
  }

  /** Sends {@code text}, then a ping, and says what came back before the pong. */
  private static String send(RawSocket s, String text) {
    int errorsBefore = s.messages(ServerMessage.Error.class).size();
    int pongsBefore = s.messages(ServerMessage.Pong.class).size();
    if (!s.trySend(text)) return "closed:" + s.awaitClose(RawSocket.WAIT);
    long t0 = System.nanoTime();
    if (!s.trySend("{\"type\":\"ping\",\"t0\":" + t0 + "}")) return "closed:" + s.awaitClose(RawSocket.WAIT);
    Timings.within(RawSocket.WAIT).until(() -> s.messages(ServerMessage.Pong.class).size() > pongsBefore + (text.contains(
        "\"ping\"") ? 1 : 0) || s.isClosed());
    List<ServerMessage.Error> errors = s.messages(ServerMessage.Error.class);
    if (errors.size() > errorsBefore) return "refused:" + errors.get(errorsBefore).code();
    if (s.isClosed()) return "closed:" + s.awaitClose(RawSocket.WAIT);
    return "applied";
  }

  /** A well-formed message of {@code type} as a member who may send it would send it now. */
  private static String payload(String type, MatrixWorld w, String strangersFilm, String ownerMember) {
    long v = ts.server().rooms().service().find(new RoomId(w.roomId)).orElseThrow().timeline().version();
    String ver = "\"version\":" + v + ",\"ref\":\"" + REF + "\"";
    return switch (type) {
      case "ping" -> "{\"type\":\"ping\",\"t0\":1}";
      case "play", "buffering", "ready", "needsClick", "playNext" -> "{\"type\":\"" + type + "\"," + ver + "}";
      case "pause", "seek" -> "{\"type\":\"" + type + "\"," + ver + ",\"positionMs\":1000}";
      case "setRate" -> "{\"type\":\"setRate\"," + ver + ",\"rate\":1.25}";
      // Finding 1 over the socket: a film nobody in the room owns or was granted.
      case "setMedia" -> "{\"type\":\"setMedia\"," + ver + ",\"mediaId\":\"media:" + strangersFilm + "\"}";
      case "queueAdd" -> "{\"type\":\"queueAdd\",\"mediaId\":\"media:" + strangersFilm + "\",\"title\":\"x\",\"ref\":\""
          + REF + "\"}";
      case "ended" -> "{\"type\":\"ended\"," + ver + ",\"mediaId\":\"media:" + w.mediaId + "\"}";
      case "subtitle" -> "{\"type\":\"subtitle\",\"track\":\"" + w.trackId + "\",\"ref\":\"" + REF + "\"}";
      case "chat" -> "{\"type\":\"chat\",\"text\":\"hello\",\"ref\":\"" + REF + "\"}";
      case "chatHistory" -> "{\"type\":\"chatHistory\"}";
      case "chatDelete" -> "{\"type\":\"chatDelete\",\"id\":1,\"ref\":\"" + REF + "\"}";
      case "react" -> "{\"type\":\"react\",\"emoji\":\"\\ud83d\\udc4d\",\"ref\":\"" + REF + "\"}";
      case "queueRemove" -> "{\"type\":\"queueRemove\",\"itemId\":\"q-none\",\"ref\":\"" + REF + "\"}";
      case "queueMove" -> "{\"type\":\"queueMove\",\"itemId\":\"q-none\",\"index\":0,\"ref\":\"" + REF + "\"}";
      case "report" -> "{\"type\":\"report\",\"driftMs\":1,\"rttMs\":1}";
      case "bye" -> "{\"type\":\"bye\"}";
      case "signal" -> "{\"type\":\"signal\",\"to\":\"" + ownerMember + "\",\"session\":\"s1\",\"purpose\":\"file\","
          + "\"kind\":\"offer\",\"payload\":\"x\",\"ref\":\"" + REF + "\"}";
      case "handBack" -> "{\"type\":\"handBack\"," + ver + ",\"mediaId\":\"media:" + w.mediaId + "\",\"state\":\"paused\","
          + "\"anchorPositionMs\":0,\"anchorTimeMs\":" + System.currentTimeMillis() + ",\"rate\":1.0}";
      // A key of the member's own: the server answers with the credential peers check its frames against.
      case "peerKey" -> "{\"type\":\"peerKey\",\"key\":\""
          + dev.cowatch.protocol.PeerKeys.encode(dev.cowatch.protocol.PeerKeys.generate().getPublic()) + "\"}";
      default -> throw new IllegalArgumentException("no payload for '" + type + "': add one to payload()");
    };
  }
}
