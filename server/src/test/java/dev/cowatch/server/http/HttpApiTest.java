package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.http.Body;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The REST API over real HTTP: rooms, health and readiness, and problem+json for every error. */
class HttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM = "application/problem+json";
  private static TestServer ts;
  private static HttpClient http;
  private static String token;

  @BeforeAll
  static void start() {
    ts = new TestServer();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (Api api = new Api(ts)) {
      token = api.guest("Tester").token();
    }
  }

  @AfterAll
  static void stop() {
    http.close();
    ts.close();
  }

  @Test
  void createRoom_returns201WithLocationAndSettings() throws Exception {
    HttpResponse<String> created = post("/api/rooms", """
        {"name":"Movie night","controlMode":"moderators","bufferingPolicy":"neverWait",
         "bufferWaitTimeoutMs":3000,"maxMembers":12,"mediaId":"film.mp4"}""");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(contentType(created)).startsWith("application/json");
    JsonNode room = JSON.readTree(created.body());
    String id = room.get("id").asText();
    assertThat(id).isNotBlank();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/rooms/" + id);
    assertThat(room.get("name").asText()).isEqualTo("Movie night");
    assertThat(room.get("controlMode").asText()).isEqualTo("moderators");
    assertThat(room.get("bufferingPolicy").asText()).isEqualTo("neverWait");
    assertThat(room.get("bufferWaitTimeoutMs").asLong()).isEqualTo(3000);
    assertThat(room.get("maxMembers").asInt()).isEqualTo(12);
    assertThat(room.at("/timeline/mediaId").asText()).isEqualTo("film.mp4");
    assertThat(room.at("/timeline/state").asText()).isEqualTo("paused");
    assertThat(room.at("/timeline/version").asLong()).isZero();
  }

  @Test
  void createRoom_withEmptyBody_usesDefaults() throws Exception {
    HttpResponse<String> created = post("/api/rooms", "");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode room = JSON.readTree(created.body());
    assertThat(room.get("controlMode").asText()).isEqualTo("everyone");
    assertThat(room.get("bufferingPolicy").asText()).isEqualTo("waitForAll");
    assertThat(room.at("/timeline/mediaId").isMissingNode()).isTrue();
  }

  @Test
  void getRoom_returnsWhatWasCreated() throws Exception {
    HttpResponse<String> created = post("/api/rooms", "{\"name\":\"Film club\"}");
    String location = created.headers().firstValue("Location").orElseThrow();

    HttpResponse<String> fetched = get(location);
    assertThat(fetched.statusCode()).isEqualTo(200);
    var mine = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(created.body());
    var anyones = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(fetched.body());
    assertThat(mine.remove("access").get("role").asText()).as("the creator owns it").isEqualTo("owner");
    assertThat(anyones.remove("access").get("canEnter").asBoolean()).as("an unlisted room lets guests in").isTrue();
    assertThat(anyones).isEqualTo(mine);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"maxMembers\":0}",
      "{\"maxMembers\":100000}",
      "{\"name\":\"   \"}",
      "{\"controlMode\":\"anarchy\"}",
      "{\"bufferingPolicy\":\"sometimes\"}",
      "{\"bufferWaitTimeoutMs\":-1}",
      "{\"mediaId\":\"\"}"})
  void createRoom_withInvalidSettings_is422Problem(String body) throws Exception {
    int before = ts.server().rooms().service().queries().roomCount();
    HttpResponse<String> response = post("/api/rooms", body);

    JsonNode problem = assertProblem(response, 422, "invalid-room-settings");
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(ts.server().rooms().service().queries().roomCount()).isEqualTo(before);
  }

  @Test
  void createRoom_withUnknownControlMode_saysWhichAreAllowed() throws Exception {
    JsonNode problem = assertProblem(post("/api/rooms", "{\"controlMode\":\"anarchy\"}"), 422, "invalid-room-settings");
    assertThat(problem.get("detail").asText()).contains("controlMode", "everyone", "moderators");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"name\":", "[1,2]", "nonsense"})
  void createRoom_withMalformedBody_is400Problem(String body) throws Exception {
    assertProblem(post("/api/rooms", body), 400, "malformed-body");
  }

  @Test
  void createRoom_withAFieldOfTheWrongType_is422NamingIt() throws Exception {
    JsonNode problem = assertProblem(post("/api/rooms", "{\"maxMembers\":\"ten\"}"), 422, "invalid-field");
    assertThat(problem.get("detail").asText()).contains("maxMembers");
  }

  @Test
  void createRoom_withAnUnknownField_is400NamingIt() throws Exception {
    JsonNode problem = assertProblem(post("/api/rooms", "{\"colour\":\"blue\"}"), 400, "unknown-field");
    assertThat(problem.get("detail").asText()).contains("colour");
  }

  @Test
  void aProblem_isUtf8_whateverCharactersItsDetailHolds() throws Exception {
    JsonNode problem = assertProblem(post("/api/rooms", "{\"Färbung—x\":1}"), 400, "unknown-field");
    assertThat(problem.get("detail").asText()).contains("'Färbung—x'");
  }

  @Test
  void getRoom_withAForgedToken_is401SoTheClientSignsInAgain() throws Exception {
    String location = post("/api/rooms", "{}").headers().firstValue("Location").orElseThrow();
    HttpRequest request = HttpRequest.newBuilder(uri(location)).header("Authorization", "Bearer not.a.jwt")
        .GET().timeout(Duration.ofSeconds(5)).build();
    assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 401, "unauthorized");
  }

  @Test
  void createRoom_withoutAnIdentity_is401() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri("/api/rooms")).POST(HttpRequest.BodyPublishers.ofString("{}"))
        .timeout(Duration.ofSeconds(5)).build();
    assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 401, "unauthorized");
  }

  @Test
  void createRoom_withHugeBody_is413Problem() throws Exception {
    String body = "{\"name\":\"" + "x".repeat(Body.MAX_BYTES) + "\"}";
    assertProblem(post("/api/rooms", body), 413, "body-too-large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/rooms/nosuchroom", "/api/rooms/x"})
  void getUnknownRoom_is404Problem(String path) throws Exception {
    assertProblem(get(path), 404, "room-not-found");
  }

  @Test
  void health_isUp() throws Exception {
    HttpResponse<String> response = get("/api/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).startsWith("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("up");
    assertThat(body.get("rooms").asInt()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void health_carriesTheServersVersion() throws Exception {
    JsonNode body = JSON.readTree(get("/api/health").body());
    assertThat(body.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void ready_isReadyOnceStarted() throws Exception {
    HttpResponse<String> response = get("/api/ready");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("ready");
    assertThat(body.path("checks").path("database").path("status").asText()).isEqualTo("up");
    assertThat(body.path("checks").path("disk").path("freeBytes").asLong()).isPositive();
    assertThat(body.path("checks").path("mail").path("unsent").asLong()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/r/abcd1234", "/i/some.token", "/signup", "/signin?next=%2Fme", "/verify?token=t",
      "/reset-password", "/reset-password?token=t", "/me", "/rooms", "/directory?q=film", "/media", "/friends",
      "/notifications", "/showings", "/showings/new", "/s/abcd2345", "/history"})
  void everyPageOfTheWebApp_isIndexHtmlWithTheContentSecurityPolicy(String path) throws Exception {
    HttpResponse<String> page = get(path);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(contentType(page)).startsWith("text/html");
    assertThat(page.body()).contains("/assets/main.js");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
  }

  @Test
  void unknownRoute_is404Problem() throws Exception {
    JsonNode problem = assertProblem(get("/api/nothing-here"), 404, "not-found");
    assertThat(problem.get("detail").asText()).contains("/api/nothing-here");
  }

  private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(contentType(response)).startsWith(PROBLEM);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asText()).endsWith("/" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    return problem;
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(5))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(5)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return ts.baseUri().resolve(path);
  }
}
