package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a refusal a test has just seen against the OpenAPI document the same server serves: the
 * tests that make the server answer 429 (AbuseLimitsTest, AuthBadInputTest) call it, so a limit
 * added to a route without its 429 in the contract fails where the 429 is produced.
 */
final class OpenApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OpenApiContract() {}

  static JsonNode document(URI base) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/openapi.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("cannot read the OpenAPI document", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The operation declares {@code status} with problem type {@code type} and, for a 429, Retry-After. */
  static void assertDeclares(URI base, String method, String path, int status, String type) {
    JsonNode op = document(base).path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    assertThat(op.isMissingNode()).as(method + " " + path + " in the OpenAPI document").isFalse();
    JsonNode response = op.path("responses").path(Integer.toString(status));
    assertThat(response.isMissingNode()).as(method + " " + path + " declares " + status).isFalse();
    assertThat(problemTypes(response)).as(method + " " + path + " " + status + " names its problem type")
        .anyMatch(t -> t.endsWith("/" + type));
    if (status == 429) {
      assertThat(response.path("headers").has("Retry-After")).as(method + " " + path + " 429 says Retry-After")
          .isTrue();
    }
  }

  static List<String> problemTypes(JsonNode response) {
    List<String> types = new ArrayList<>();
    response.path("content").path("application/problem+json").path("schema").path("allOf")
        .forEach(part -> part.path("properties").path("type").path("enum").forEach(t -> types.add(t.asText())));
    return types;
  }
}
