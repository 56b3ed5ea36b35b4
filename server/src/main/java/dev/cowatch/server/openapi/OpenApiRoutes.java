package dev.cowatch.server.openapi;

import dev.cowatch.server.platform.http.Json;
import io.javalin.http.Context;

/** {@code GET /api/openapi.json}: the API's OpenAPI 3.1 document, rendered once at start. */
public final class OpenApiRoutes {
  public static final String PATH = "/api/openapi.json";

  private final String document = Json.write(OpenApiDocument.build());

  public void document(Context ctx) {
    ctx.contentType("application/json").header("Cache-Control", "no-cache").result(document);
  }
}
