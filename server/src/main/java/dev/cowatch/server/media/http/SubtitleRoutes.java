package dev.cowatch.server.media.http;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.media.subtitle.SubtitleLibrary;
import dev.cowatch.server.media.subtitle.SubtitleTrack;
import dev.cowatch.server.platform.http.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Subtitle tracks of media items (docs/api.md, "Subtitles"). */
public final class SubtitleRoutes {
  /** Declared bodies this many times the limit are not worth reading just to refuse them. */
  static final int UNREAD_REFUSAL_FACTOR = 4;

  private final SubtitleLibrary subtitles;
  private final Authentication auth;

  public SubtitleRoutes(SubtitleLibrary subtitles, Authentication auth) {
    this.subtitles = subtitles;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/media/{mediaId}/subtitles", this::list);
    r.post("/api/media/{mediaId}/subtitles", this::upload);
    r.delete("/api/media/{mediaId}/subtitles/{trackId}", this::delete);
    r.get("/api/media/{mediaId}/subtitles/{trackId}.vtt", this::file);
  }

  void list(Context ctx) {
    Identity who = auth.require(ctx);
    List<Map<String, Object>> tracks = subtitles.list(who.userId(), ctx.pathParam("mediaId")).stream()
        .map(l -> view(l.track(), l.url())).toList();
    ctx.header("Cache-Control", "no-store");
    Params.json(ctx, Map.of("tracks", tracks));
  }

  /** The body is the file itself (SRT or WebVTT, any encoding), read up to the size limit. */
  void upload(Context ctx) throws IOException {
    Identity who = auth.require(ctx);
    int max = subtitles.limits().maxFileBytes();
    // A body declared far past the limit is refused unread (the connection closes after the answer).
    // One near it is read up to the limit first: a refusal sent while the client is still sending is
    // often lost when the connection closes under it.
    if (ctx.req().getContentLengthLong() > (long) UNREAD_REFUSAL_FACTOR * max) {
      ctx.header("Connection", "close");
      throw subtitles.tooLarge();
    }
    byte[] file;
    try (InputStream in = ctx.req().getInputStream()) {
      file = in.readNBytes(max + 1);
    }
    if (file.length > max) throw subtitles.tooLarge();
    SubtitleLibrary.Uploaded up = subtitles.upload(who.userId(), ctx.pathParam("mediaId"), ctx.queryParam("label"),
        ctx.queryParam("language"), file);
    Map<String, Object> v = view(up.track(), up.url());
    v.put("warnings", up.warnings());
    ctx.status(201);
    Params.json(ctx, v);
  }

  void delete(Context ctx) {
    Identity who = auth.require(ctx);
    subtitles.delete(who.userId(), ctx.pathParam("mediaId"), ctx.pathParam("trackId"));
    ctx.status(204);
  }

  /** The track as Cowatch converted it (WebVTT it wrote, never the uploaded bytes). */
  void file(Context ctx) {
    MediaHeaders.guard(ctx);
    byte[] vtt = subtitles.file(ctx.pathParam("mediaId"), ctx.pathParam("trackId"), ctx.queryParam("u"),
        ctx.queryParam("exp"), ctx.queryParam("sig"));
    // A track's file never changes (a new upload is a new track) and its URL carries its expiry.
    ctx.header("Cache-Control", "private, max-age=3600");
    ctx.contentType("text/vtt; charset=utf-8").result(vtt);
  }

  private static Map<String, Object> view(SubtitleTrack t, String url) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", t.id());
    v.put("label", t.label());
    v.put("language", t.language());
    v.put("url", url);
    v.put("cues", t.cues());
    v.put("sourceFormat", t.sourceFormat());
    v.put("sourceEncoding", t.sourceCharset());
    v.put("createdAt", t.createdAt());
    return v;
  }
}
