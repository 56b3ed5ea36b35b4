package dev.cowatch.server.http;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaLibrary;
import dev.cowatch.server.media.MediaUrls;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The media library and streaming (docs/api.md, "Media"). */
public final class MediaRoutes {
  private final MediaLibrary library;
  private final Authentication auth;

  public MediaRoutes(MediaLibrary library, Authentication auth) {
    this.library = library;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/media", this::list);
    r.get("/api/media/{mediaId}", this::get);
    r.patch("/api/media/{mediaId}", this::rename);
    r.delete("/api/media/{mediaId}", this::delete);
    r.post("/api/media/{mediaId}/url", this::url);
    r.get("/api/media/{mediaId}/stream", ctx -> stream(ctx, false));
    r.head("/api/media/{mediaId}/stream", ctx -> stream(ctx, true));
  }

  void list(Context ctx) {
    Identity who = auth.require(ctx);
    List<Map<String, Object>> items = library.mine(who.userId()).stream().map(MediaRoutes::view).toList();
    RoomRoutes.json(ctx, Map.of("items", items));
  }

  void get(Context ctx) {
    Identity who = auth.require(ctx);
    RoomRoutes.json(ctx, view(library.get(who.userId(), ctx.pathParam("mediaId"))));
  }

  void rename(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("title"));
    MediaItem item = library.rename(who.userId(), ctx.pathParam("mediaId"), body.requiredText("title"));
    RoomRoutes.json(ctx, view(item));
  }

  void delete(Context ctx) {
    Identity who = auth.require(ctx);
    library.delete(who.userId(), ctx.pathParam("mediaId"));
    ctx.status(204);
  }

  void url(Context ctx) {
    Identity who = auth.require(ctx);
    MediaUrls.Signed signed = library.issueUrl(who.userId(), ctx.pathParam("mediaId"));
    ctx.header("Cache-Control", "no-store");
    RoomRoutes.json(ctx, Map.of("url", signed.path(), "expiresAt", signed.expiresAt()));
  }

  void stream(Context ctx, boolean head) throws IOException {
    MediaItem item = library.streamable(ctx.pathParam("mediaId"), ctx.queryParam("u"), ctx.queryParam("exp"),
        ctx.queryParam("sig"));
    MediaStream.send(ctx, item, library.store(), head);
  }

  static Map<String, Object> view(MediaItem m) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", m.id());
    v.put("mediaId", m.roomMediaId());
    v.put("title", m.title());
    v.put("fileName", m.fileName());
    v.put("sizeBytes", m.sizeBytes());
    v.put("sha256", m.sha256());
    v.put("contentType", m.contentType());
    v.put("container", m.container());
    v.put("videoCodec", m.videoCodec());
    v.put("audioCodec", m.audioCodec());
    v.put("durationMs", m.durationMs());
    v.put("width", m.width());
    v.put("height", m.height());
    v.put("status", m.status().wire());
    v.put("failureMessage", m.failureMessage());
    v.put("hasPoster", m.posterKey() != null);
    v.put("createdAt", m.createdAt());
    v.put("updatedAt", m.updatedAt());
    return v;
  }
}
