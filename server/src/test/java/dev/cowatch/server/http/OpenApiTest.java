package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.json} against the routes the real server registers with Javalin and the
 * routes docs/api.md promises. Routes are compared as {@code "METHOD /path"} with every path
 * parameter written {@code {}}, so {@code {id}} and {@code {roomId}} are the same shape.
 */
class OpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY");
  private static TestServer ts;
  private static HttpClient http;
  private static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    ts = new TestServer();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> res = get("/api/openapi.json");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    doc = JSON.readTree(res.body());
  }

  @AfterAll
  static void stop() {
    http.close();
    ts.close();
  }

  @Test
  void document_isOpenApi31WithBearerAuthAndProblemSchema() {
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/components/schemas/Problem/required").toString()).contains("type", "title", "status");
  }

  @Test
  void everyRegisteredApiRoute_isInTheDocument() {
    assertThat(documented()).containsAll(registeredApi());
  }

  /** The document lists routes other branches are still adding (accounts, rooms). */
  @Test
  void everyDocumentedRoute_isRegistered() {
    assertThat(registeredApi()).containsAll(documented());
  }

  @Test
  void everyRouteInApiMd_isInTheDocument() throws Exception {
    String apiMd = Files.readString(Path.of("../docs/api.md"));
    Matcher m = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/api/[^`?\\s]*)[^`]*`").matcher(apiMd);
    Set<String> promised = new TreeSet<>();
    while (m.find()) promised.add(shape(m.group(1) + " " + m.group(2)));
    assertThat(promised).hasSizeGreaterThan(25);
    assertThat(documented()).containsAll(promised);
  }

  /** Anything registered outside /api and /ws must be a page of the web app, not an undocumented API. */
  @Test
  void routesOutsideTheApi_serveTheWebApp() throws Exception {
    List<String> pages = ts.server().routes().stream()
        .filter(r -> HTTP_METHODS.contains(method(r)) && !isApi(path(r)) && !isOperators(path(r)))
        .filter(r -> !r.equals("GET /sw.js")).toList();
    // The one script outside /assets: the service worker must sit at the root to control every page.
    HttpResponse<String> worker = get("/sw.js");
    assertThat(worker.statusCode()).as("GET /sw.js").isEqualTo(200);
    assertThat(worker.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(pages).as("the web app is on the test classpath").contains("GET /", "GET /r/{roomId}");
    for (String page : pages) {
      assertThat(method(page)).as(page).isEqualTo("GET");
      HttpResponse<String> res = get(path(page).replaceAll("\\{[^}]*}|<[^>]*>", "x"));
      assertThat(res.statusCode()).as(page).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type").orElse("")).as(page).startsWith("text/html");
    }
  }

  @Test
  void everyReference_resolvesAndEveryProblemType_isStable() {
    List<String> refs = new ArrayList<>();
    List<String> types = new ArrayList<>();
    collect(doc, refs, types);
    assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    assertThat(types).contains("https://cowatch.dev/problems/invalid-credentials", "https://cowatch.dev/problems/room-not-found")
        .allSatisfy(t -> assertThat(t).matches("https://cowatch\\.dev/problems/[a-z0-9-]+"));
  }

  @Test
  void operationIds_areUnique() {
    List<String> ids = new ArrayList<>();
    doc.path("paths").forEach(path -> path.forEach(op -> ids.add(op.path("operationId").asText())));
    assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
  }

  @Test
  void everyPathParameter_isDeclared() {
    doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      Matcher m = Pattern.compile("\\{(\\w+)}").matcher(path.getKey());
      while (m.find()) {
        String name = m.group(1);
        boolean declared = false;
        for (JsonNode p : op.getValue().path("parameters")) {
          declared |= p.path("in").asText().equals("path") && p.path("name").asText().equals(name);
        }
        assertThat(declared).as(op.getKey() + " " + path.getKey() + " declares " + name).isTrue();
      }
    }));
  }

  private static void collect(JsonNode node, List<String> refs, List<String> types) {
    if (node.isObject()) {
      if (node.has("$ref")) refs.add(node.get("$ref").asText());
      if (node.path("properties").path("type").has("enum")) {
        node.path("properties").path("type").path("enum").forEach(t -> types.add(t.asText()));
      }
      node.forEach(child -> collect(child, refs, types));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, refs, types));
    }
  }

  /** Registered routes under /api and /ws as shapes; a WebSocket endpoint counts as its GET upgrade. */
  private static Set<String> registeredApi() {
    Set<String> routes = new TreeSet<>();
    for (String r : ts.server().routes()) {
      String method = method(r).equals("WEBSOCKET") ? "GET" : method(r);
      if (HTTP_METHODS.contains(method) && isApi(path(r))) routes.add(shape(method + " " + path(r)));
    }
    assertThat(routes).contains("GET /api/health", "POST /api/rooms", "GET /ws/rooms/{}", "GET /api/openapi.json");
    return routes;
  }

  private static Set<String> documented() {
    Set<String> routes = new TreeSet<>();
    doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      String method = op.getKey().toUpperCase(Locale.ROOT);
      if (HTTP_METHODS.contains(method)) routes.add(shape(method + " " + path.getKey()));
    }));
    return routes;
  }

  /** Scraped by Prometheus where it looks by default; docs/operations.md describes it, not the API document. */
  private static boolean isOperators(String path) {
    return path.equals("/metrics");
  }

  private static boolean isApi(String path) {
    return path.startsWith("/api/") || path.startsWith("/ws/");
  }

  private static String method(String route) {
    return route.substring(0, route.indexOf(' '));
  }

  private static String path(String route) {
    return route.substring(route.indexOf(' ') + 1);
  }

  private static String shape(String route) {
    return route.replaceAll("\\{[^}]*}|<[^>]*>", "{}");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(ts.baseUri() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
