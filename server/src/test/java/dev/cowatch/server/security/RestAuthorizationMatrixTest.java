package dev.cowatch.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.security.AuthorizationMatrix.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every HTTP route the real server registers with Javalin, asked by every actor, against
 * {@code authorization-matrix.tsv} (docs/security.md, "The authorization matrix"). The routes come from the server's own
 * route table, so a new route without rows fails here, and so does a row whose route is gone.
 */
class RestAuthorizationMatrixTest {
  static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  /**
   * Routes whose answers depend on the kind of room, asked again of each of the world's other rooms
   * ({@link MatrixWorld#OTHER_ROOMS}): {@code GET /api/rooms/{passwordRoomId}} and the like.
   */
  static final Set<String> PER_ROOM_KIND = Set.of("GET /api/rooms/{roomId}", "GET /api/rooms/{roomId}/preview",
      "POST /api/rooms/{roomId}/access", "GET /r/{roomId}");
  private static TestServer ts;
  private static MatrixHttp http;
  private static RestRequests requests;
  private static MatrixWorld shared;
  private static AuthorizationMatrix matrix;

  @BeforeAll
  static void start() {
    matrix = AuthorizationMatrix.load(MatrixFiles.TABLE);
    ts = new TestServer(MatrixFiles.dataDir(), dev.cowatch.core.Tolerances.DEFAULTS,
        dev.cowatch.server.platform.Limits.DEFAULTS);
    http = new MatrixHttp(ts.baseUri());
    requests = new RestRequests(http);
    shared = new MatrixWorld(ts, http);
  }

  @AfterAll
  static void stop() {
    http.close();
    ts.close();
    MatrixFiles.delete(ts.dataDir());
  }

  /** {@code "GET /api/me"} for each route of the server's route table that speaks HTTP. */
  static Set<String> registeredRoutes() {
    Set<String> routes = new LinkedHashSet<>();
    for (String r : ts.server().routes()) {
      if (HTTP_METHODS.contains(r.substring(0, r.indexOf(' ')))) routes.add(r);
    }
    assertThat(routes).as("the route table").contains("GET /api/me", "POST /api/rooms", "GET /api/media/{mediaId}/stream");
    return routes;
  }

  /** The routes of the route table, and those of {@link #PER_ROOM_KIND} once more for each other kind of room. */
  static Set<String> checkedRoutes() {
    Set<String> routes = new LinkedHashSet<>(registeredRoutes());
    assertThat(routes).as("the route table").containsAll(PER_ROOM_KIND);
    for (String route : PER_ROOM_KIND) {
      for (String room : MatrixWorld.OTHER_ROOMS.keySet()) routes.add(route.replace("{roomId}", "{" + room + "}"));
    }
    return routes;
  }

  @Test
  void everyRowOfTheTable_namesARouteTheServerHas() {
    assertThat(checkedRoutes()).as("routes of the server (and their other kinds of room); rows of the table must name"
        + " one of them").containsAll(matrix.operations(HTTP_METHODS));
  }

  @TestFactory
  Stream<DynamicTest> everyRoute_answersEveryActorAsTheTableSays() {
    return checkedRoutes().stream().map(route -> DynamicTest.dynamicTest(route, () -> check(route)));
  }

  private static void check(String route) {
    String method = route.substring(0, route.indexOf(' '));
    String path = route.substring(route.indexOf(' ') + 1);
    List<String> wrong = new ArrayList<>();
    // A request that may change something runs in a world of the route's own, asked by the actors in
    // ACTORS' order (those refused first, the owner last); where one actor's success would change the
    // next one's answer (staff acting on the same member), each actor gets a world of its own.
    boolean safe = RestRequests.SAFE.contains(method);
    MatrixWorld routeWorld = safe ? shared : new MatrixWorld(ts, http);
    for (String actor : AuthorizationMatrix.ACTORS) {
      MatrixWorld w = safe ? shared : RestRequests.ONE_WORLD_EACH.contains(route) ? new MatrixWorld(ts, http) : routeWorld;
      Optional<Row> row = matrix.rowFor(route, actor);
      if (row.isEmpty()) {
        // Said with today's answer, as a start for the row to write (after checking that answer is right).
        MatrixHttp.Answer today = http.send(requests.of(method, path, w, w.actor(actor)), w.actor(actor).token());
        wrong.add(actor + ": no row in " + MatrixFiles.TABLE + " (the server answers " + today.written() + ")");
        continue;
      }
      MatrixHttp.Answer answer = http.send(requests.of(method, path, w, w.actor(actor)), w.actor(actor).token());
      String observed = answer.written() + shown(answer, row.get().expected().hides());
      if (!row.get().expected().matches(observed) || !shown(answer, row.get().expected().hides()).isEmpty()) {
        wrong.add(actor + ": table (line " + row.get().line() + ") says " + row.get().expected() + ", server answered "
            + observed);
      }
    }
    assertThat(wrong).as(route).isEmpty();
  }

  /** The pointers of {@code hides} a successful answer shows anyway, written {@code " shows:/a,/b"}; else empty. */
  private static String shown(MatrixHttp.Answer answer, List<String> hides) {
    if (answer.status() / 100 != 2 || hides.isEmpty()) return "";
    List<String> shown = new ArrayList<>();
    for (String pointer : hides) {
      JsonNode n = answer.json() == null ? null : answer.json().at(pointer);
      if (n != null && !n.isMissingNode() && !n.isNull()) shown.add(pointer);
    }
    return shown.isEmpty() ? "" : " shows:" + String.join(",", shown);
  }
}
