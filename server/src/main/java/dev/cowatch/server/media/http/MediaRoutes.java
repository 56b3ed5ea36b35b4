package dev.cowatch.server.media.http;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaLibrary;
import dev.cowatch.server.media.MediaStatus;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.MediaUrls;
import dev.cowatch.server.media.UploadFileIds;
import dev.cowatch.server.media.upload.Uploads;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.http.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** The media library and streaming (docs/api.md, "Media"). */
public final class MediaRoutes {
  private final MediaLibrary library;
  private final Uploads uploads;
  private final Authentication auth;
  private final UploadFileIds fileIds;

  public MediaRoutes(MediaLibrary library, Uploads uploads, Authentication auth) {
    this.library = library;
    this.uploads = uploads;
    this.auth = auth;
    this.fileIds = new UploadFileIds(library.store());
  }

  public void register(RoutesConfig r) {
    // Before /api/media/{mediaId}, which would take "limits" for an id.
    r.get("/api/media/limits", this::limits);
    r.get("/api/media", this::list);
    r.get("/api/media/{mediaId}", this::get);
    r.patch("/api/media/{mediaId}", this::rename);
    r.delete("/api/media/{mediaId}", this::delete);
    r.post("/api/media/{mediaId}/url", this::url);
    r.get("/api/media/{mediaId}/file-id", this::fileId);
    r.get("/api/media/{mediaId}/poster", this::poster);
  }

  void limits(Context ctx) {
    Identity who = auth.require(ctx);
    Uploads.Limits l = uploads.limits(who);
    Map<String, Object> tools = new LinkedHashMap<>();
    tools.put("probing", l.tools().probing());
    tools.put("converting", l.tools().converting());
    tools.put("message", l.tools().message());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("maxFileBytes", l.maxFileBytes());
    v.put("quotaBytes", l.quotaBytes());
    v.put("usedBytes", l.usedBytes());
    v.put("tools", tools);
    ctx.header("Cache-Control", "no-store");
    Params.json(ctx, v);
  }

  void list(Context ctx) {
    Identity who = auth.require(ctx);
    List<Map<String, Object>> items = library.mine(who.userId()).stream().map(m -> view(m, who)).toList();
    Params.json(ctx, Map.of("items", items));
  }

  void get(Context ctx) {
    Identity who = auth.require(ctx);
    Params.json(ctx, view(library.get(who.userId(), ctx.pathParam("mediaId")), who));
  }

  void rename(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("title"));
    MediaItem item = library.rename(who.userId(), ctx.pathParam("mediaId"), body.requiredText("title"));
    Params.json(ctx, view(item, who));
  }

  void delete(Context ctx) {
    Identity who = auth.require(ctx);
    library.delete(who.userId(), ctx.pathParam("mediaId"));
    ctx.status(204);
  }

  void url(Context ctx) {
    Identity who = auth.require(ctx);
    MediaLibrary.Urls urls = library.issueUrls(who.userId(), ctx.pathParam("mediaId"));
    ctx.header("Cache-Control", "no-store");
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("url", urls.stream().path());
    v.put("expiresAt", urls.stream().expiresAt());
    v.put("posterUrl", urls.poster() == null ? NullNode.getInstance() : urls.poster().path());
    Params.json(ctx, v);
  }

  /** The original's {@code file:} identity for a desktop player to compare the viewer's copy with; never its name. */
  void fileId(Context ctx) throws IOException {
    Identity who = auth.require(ctx);
    MediaItem item = library.watchable(who.userId(), ctx.pathParam("mediaId"));
    ctx.header("Cache-Control", "private, max-age=3600");
    Params.json(ctx, Map.of("fileId", fileIds.of(item).mediaId()));
  }

  /**
   * The poster: a small JPEG Cowatch made (never uploaded bytes), sent whole. Posters are made once and never
   * change, like the item's bytes.
   */
  void poster(Context ctx) throws IOException {
    MediaHeaders.guard(ctx);
    MediaItem item = library.posterOf(ctx.pathParam("mediaId"), ctx.queryParam("u"), ctx.queryParam("exp"),
        ctx.queryParam("sig"));
    MediaStore store = library.store();
    long size = store.size(item.posterKey()).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND,
        "poster-not-found", "the poster of media '" + item.id() + "' is missing from the store"));
    ctx.header("Cache-Control", "private, max-age=3600");
    ctx.res().setContentType("image/jpeg");
    ctx.res().setContentLengthLong(size);
    try (InputStream in = Channels.newInputStream(store.open(item.posterKey(), 0, size))) {
      in.transferTo(ctx.res().getOutputStream());
    }
  }

  /**
   * The item as its owner sees it. {@code progress} and {@code posterUrl} are written as null when there is none
   * (the contract names them as nullable; the other absent details are left out, as before).
   */
  Map<String, Object> view(MediaItem m, Identity who) {
    Map<String, Object> v = baseView(m);
    v.put("receivedBytes", m.receivedBytes());
    OptionalDouble progress = m.status() == MediaStatus.PROCESSING ? uploads.progress(m.id()) : OptionalDouble.empty();
    v.put("progress", m.status() == MediaStatus.PROCESSING ? (Object) progress.orElse(0) : NullNode.getInstance());
    v.put("warnings", m.warnings());
    MediaUrls.Signed poster = library.posterUrl(who.userId(), m);
    v.put("posterUrl", poster == null ? NullNode.getInstance() : poster.path());
    return v;
  }

  static Map<String, Object> baseView(MediaItem m) {
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
