package dev.cowatch.server.openapi;

import dev.cowatch.server.platform.http.Json;
import io.javalin.http.Context;

/**
 * {@code GET /api/openapi.json}: the API's OpenAPI 3.1 document, rendered when first asked for and kept.
 * Rendering it at start cost about 4 % of the main thread's start-up (JFR,
 * docs/performance-history.md#second-pass-2026-11-23-afternoon-the-cache-had-been-assembled-mostly-empty), for a
 * document few servers are ever asked for.
 */
public final class OpenApiRoutes {
  public static final String PATH = "/api/openapi.json";

  /** Holder idiom: the class, and so the document, is initialized on first use, once, thread-safely. */
  private static final class Rendered {
    static final String DOCUMENT = Json.write(OpenApiDocument.build());
  }

  public void document(Context ctx) {
    ctx.contentType("application/json").header("Cache-Control", "no-cache").result(Rendered.DOCUMENT);
  }
}
