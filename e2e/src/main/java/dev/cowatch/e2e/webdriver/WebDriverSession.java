package dev.cowatch.e2e.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One session of a W3C WebDriver server (WebKitWebDriver here), spoken over HTTP: just what the
 * browser tests use (open a page, run a script, click and type into an element, take a picture).
 * A command the driver refuses throws with the driver's own error and message.
 */
public final class WebDriverSession implements RemotePage {
  /** W3C's key for an element reference in JSON. */
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI session;

  private WebDriverSession(URI session) {
    this.session = session;
  }

  /** Opens a session on the driver at {@code driver} with these capabilities ({@code alwaysMatch}). */
  public static WebDriverSession open(URI driver, Map<String, Object> capabilities) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode value = send(http, "POST", driver.resolve("/session"), Map.of("capabilities", Map.of("alwaysMatch", capabilities)));
    return new WebDriverSession(driver.resolve("/session/" + value.path("sessionId").asText()));
  }

  @Override
  public void navigate(String url) throws IOException {
    command("POST", "/url", Map.of("url", url));
  }

  @Override
  public String evaluate(String expression) throws IOException {
    return execute("return Promise.resolve(" + expression + ").then((v) => JSON.stringify(v ?? null))").asText();
  }

  @Override
  public void click(String css) throws IOException {
    clickElement(find(css));
  }

  @Override
  public void type(String css, String text) throws IOException {
    typeInto(find(css), text);
  }

  /** Runs {@code body} (a function body: {@code return ...}) with {@code args} as {@code arguments}. */
  public JsonNode execute(String body, Object... args) throws IOException {
    return command("POST", "/execute/sync", Map.of("script", body, "args", List.of(args)));
  }

  /** The element {@code css} selects (the first), as the driver's reference. */
  public String find(String css) throws IOException {
    JsonNode found = command("POST", "/element", Map.of("using", "css selector", "value", css));
    String id = found.path(ELEMENT).asText();
    if (id.isEmpty()) throw new IOException("WebDriver: no element reference for " + css + " in " + found);
    return id;
  }

  /** A real click: the driver moves a pointer to the element and presses it (a user gesture for the page). */
  public void clickElement(String element) throws IOException {
    command("POST", "/element/" + element + "/click", Map.of());
  }

  public void typeInto(String element, String text) throws IOException {
    command("POST", "/element/" + element + "/value", Map.of("text", text));
  }

  /** W3C WebDriver sets the window's size; the page gets that less the browser's own frame. */
  @Override
  public void resize(int width, int height) throws IOException {
    command("POST", "/window/rect", Map.of("width", width, "height", height));
  }

  /** Opens a new tab in this window and makes it the current one: the tab before it is hidden behind it. */
  public String newTab() throws IOException {
    String handle = command("POST", "/window/new", Map.of("type", "tab")).path("handle").asText();
    command("POST", "/window", Map.of("handle", handle));
    return handle;
  }

  /** The current tab's handle. */
  public String tab() throws IOException {
    return command("GET", "/window", null).asText();
  }

  /** Makes the tab {@code handle} the current one (in front, visible). */
  public void switchTo(String handle) throws IOException {
    command("POST", "/window", Map.of("handle", handle));
  }

  @Override
  public byte[] screenshot() throws IOException {
    return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
  }

  /** @param implicitMs how long finding an element waits for it to appear (the app renders after load) */
  public void timeouts(long scriptMs, long pageLoadMs, long implicitMs) throws IOException {
    command("POST", "/timeouts", Map.of("script", scriptMs, "pageLoad", pageLoadMs, "implicit", implicitMs));
  }

  private JsonNode command(String method, String path, Object body) throws IOException {
    return send(http, method, URI.create(session + path), body);
  }

  private static JsonNode send(HttpClient http, String method, URI uri, Object body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json; charset=utf-8");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + method + " " + uri, e);
    }
    JsonNode value = JSON.readTree(response.body()).path("value");
    if (response.statusCode() != 200) {
      throw new IOException("WebDriver " + method + " " + uri.getPath() + ": " + response.statusCode() + " "
          + value.path("error").asText() + ": " + value.path("message").asText());
    }
    return value;
  }

  @Override
  public void close() {
    try {
      send(http, "DELETE", session, null);
    } catch (IOException e) {
      // The browser is going anyway: the driver process is stopped next.
    }
  }

}
