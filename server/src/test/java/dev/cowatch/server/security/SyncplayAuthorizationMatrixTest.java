package dev.cowatch.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.Limits;
import dev.cowatch.server.security.AuthorizationMatrix.Row;
import dev.cowatch.server.syncplay.SyncplayCommand;
import dev.cowatch.server.syncplay.SyncplayConfig;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Every command the Syncplay endpoint handles ({@link SyncplayCommand}, the list its session dispatches on,
 * so a new command without rows fails here), sent to every kind of room by every kind of Syncplay client,
 * against the {@code SP} rows of {@code authorization-matrix.tsv}. A Syncplay client carries no token: it
 * is a client that gives the room's code alone ({@code no-password}), the code and a wrong password, or the
 * code and the room's password (docs/operations.md, "Syncplay clients"). An operation is
 * {@code <command>@<room kind>}.
 *
 * <p>Answers: {@code applied} (no Error and no refusal from Cowatch came back before the answer to a
 * {@code List} sent right after), {@code refused:not-applied} or {@code refused:not-sent} (Cowatch told
 * the client in its chat that an intent or a chat line was refused), {@code closed:<why>} (an Error line,
 * and the connection ends), {@code not-joined} (the room refused the client's Hello, so it sends nothing);
 * {@code Hello@...} rows say how each client's join went.
 */
class SyncplayAuthorizationMatrixTest {
  /** The rooms a Syncplay client may name, as their owner creates them; each plays the owner's film. */
  static final Map<String, String> ROOM_KINDS = new LinkedHashMap<>();

  static {
    ROOM_KINDS.put("open", "\"visibility\":\"public\"");
    ROOM_KINDS.put("password", "\"visibility\":\"public\",\"password\":\"" + MatrixWorld.PASSWORD + "\"");
    ROOM_KINDS.put("private", "\"visibility\":\"private\"");
    ROOM_KINDS.put("private-password", "\"visibility\":\"private\",\"password\":\"" + MatrixWorld.PASSWORD + "\"");
    ROOM_KINDS.put("no-guests", "\"visibility\":\"public\",\"guestsAllowed\":false");
    ROOM_KINDS.put("moderated", "\"visibility\":\"public\",\"controlMode\":\"moderators\"");
  }

  private static TestServer ts;
  private static MatrixHttp http;
  private static AuthorizationMatrix matrix;

  @BeforeAll
  static void start() {
    matrix = AuthorizationMatrix.load(MatrixFiles.TABLE);
    ts = new TestServer(MatrixFiles.dataDir(), c -> c.limits(Limits.DEFAULTS.withPerAddress(
        ServerConfig.LOOPBACK_CROWD, ServerConfig.LOOPBACK_CROWD)).syncplay(SyncplayConfig.on(0)),
        java.time.Clock.systemUTC());
    http = new MatrixHttp(ts.baseUri());
  }

  @AfterAll
  static void stop() {
    http.close();
    ts.close();
    MatrixFiles.delete(ts.dataDir());
  }

  /** {@code State@open} and the like: every command the session handles, in every kind of room. */
  static Set<String> operations() {
    Set<String> ops = new LinkedHashSet<>();
    for (SyncplayCommand c : SyncplayCommand.values()) {
      for (String kind : ROOM_KINDS.keySet()) ops.add(c.wireName() + "@" + kind);
    }
    assertThat(ops).contains("Hello@password", "State@moderated", "Chat@private");
    return ops;
  }

  @Test
  void everySpRowOfTheTable_namesACommandTheSessionHandles_inAKindOfRoomTheMatrixMakes() {
    Set<String> rows = new LinkedHashSet<>();
    for (String key : matrix.operations(Set.of(AuthorizationMatrix.SYNCPLAY))) {
      rows.add(key.substring(AuthorizationMatrix.SYNCPLAY.length() + 1));
    }
    assertThat(operations()).containsAll(rows);
  }

  @TestFactory
  Stream<DynamicTest> everyCommand_answersEverySyncplayClientAsTheTableSays() {
    return Arrays.stream(SyncplayCommand.values()).map(c -> DynamicTest.dynamicTest("SP " + c.wireName(), () -> check(c)));
  }

  /** One world per command, so that no command's changes reach another's answers; each kind of room in it. */
  private static void check(SyncplayCommand command) {
    SyncplayWorld w = new SyncplayWorld(ts, http);
    List<String> wrong = new ArrayList<>();
    for (String kind : ROOM_KINDS.keySet()) {
      String key = AuthorizationMatrix.SYNCPLAY + " " + command.wireName() + "@" + kind;
      List<SyncplayClient> clients = new ArrayList<>();
      try {
        for (String actor : AuthorizationMatrix.SYNCPLAY_ACTORS) {
          SyncplayClient c = SyncplayClient.connect(ts.server().syncplay().port());
          clients.add(c);
          String joined = c.hello(actor, w.roomField(kind, actor));
          String observed = command == SyncplayCommand.HELLO ? joined
              : !joined.equals("applied") ? "not-joined"
              : c.send(command, payload(command, c));
          Optional<Row> row = matrix.rowFor(key, actor);
          if (row.isEmpty()) {
            wrong.add(kind + ", " + actor + ": no row " + key + " in " + MatrixFiles.TABLE + " (the server answers "
                + observed + ")");
          } else if (!row.get().expected().matches(observed)) {
            wrong.add(kind + ", " + actor + ": table (line " + row.get().line() + ") says " + row.get().expected()
                + ", server answered " + observed);
          }
        }
      } finally {
        clients.forEach(SyncplayClient::close);
      }
    }
    assertThat(wrong).as("SP " + command.wireName()).isEmpty();
  }

  /**
   * A well-formed line of {@code command} as a Syncplay client sends it, one that changes something where
   * the command can: State reports an unpause, Set a "not ready" toggled by the person (it holds a room
   * that waits for everyone).
   */
  private static String payload(SyncplayCommand command, SyncplayClient c) {
    return switch (command) {
      case TLS -> "{\"TLS\": {\"startTLS\": \"send\"}}";
      case HELLO -> throw new IllegalArgumentException("Hello is the join itself");
      case ERROR -> "{\"Error\": {\"message\": \"matrix\"}}";
      case STATE -> "{\"State\": {\"playstate\": {\"position\": 0.0, \"paused\": false, \"doSeek\": false, \"setBy\": \"x\"},"
          + " \"ping\": {\"latencyCalculation\": " + c.lastLatencyCalculation() + ", \"clientLatencyCalculation\": "
          + System.currentTimeMillis() / 1000.0 + ", \"clientRtt\": 0},"
          + " \"ignoringOnTheFly\": {\"server\": " + c.ignoringServer() + "}}}";
      case SET -> "{\"Set\": {\"ready\": {\"isReady\": false, \"manuallyInitiated\": true}}}";
      case LIST -> "{\"List\": null}";
      case CHAT -> "{\"Chat\": \"hello from Syncplay\"}";
    };
  }
}
