package dev.cowatch.server.room.http;

import static dev.cowatch.server.platform.http.Params.json;

import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.room.preview.RoomLinks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /api/rooms/{roomId}/preview}: where a room link leads, before a name is asked (docs/api.md). */
public final class RoomPreviewRoutes {
  private final RoomLinks links;
  private final Authentication auth;

  public RoomPreviewRoutes(RoomLinks links, Authentication auth) {
    this.links = links;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/rooms/{roomId}/preview", this::preview);
  }

  void preview(Context ctx) {
    // What changes every second (position, who is there) is never worth caching.
    ctx.header("Cache-Control", "no-store");
    json(ctx, links.preview(RoomRoutes.roomId(ctx), auth.optional(ctx)));
  }
}
