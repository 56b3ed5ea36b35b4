package dev.cowatch.server.media.http;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.upload.TusHeaders;
import dev.cowatch.server.media.upload.UploadDeclaration;
import dev.cowatch.server.media.upload.Uploads;
import dev.cowatch.server.platform.Refusal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * tus 1.0.0 at {@code /api/uploads} (core, creation, termination, expiration; docs/api.md "Uploads"). Every answer
 * carries {@code Tus-Resumable}; a request without the version this server speaks gets 412. A PATCH body is read as
 * a stream straight into the staged file, never whole into memory.
 */
public final class UploadRoutes {
  static final String PATH = "/api/uploads";
  public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

  private final Uploads uploads;
  private final Authentication auth;

  public UploadRoutes(Uploads uploads, Authentication auth) {
    this.uploads = uploads;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.options(PATH, this::options);
    r.post(PATH, this::create);
    r.head(PATH + "/{mediaId}", this::head);
    r.patch(PATH + "/{mediaId}", this::patch);
    r.delete(PATH + "/{mediaId}", this::terminate);
  }

  void options(Context ctx) {
    tusHeaders(ctx);
    ctx.header("Tus-Version", TusHeaders.VERSION);
    ctx.header("Tus-Extension", "creation,termination,expiration");
    ctx.header("Tus-Max-Size", Long.toString(uploads.maxBytes()));
    ctx.status(204);
  }

  void create(Context ctx) throws IOException {
    tusHeaders(ctx);
    Identity who = auth.require(ctx);
    requireVersion(ctx);
    UploadDeclaration d = UploadDeclaration.parse(ctx.header("Upload-Length"), ctx.header("Upload-Metadata"),
        ctx.header("Upload-Defer-Length"));
    MediaItem item = uploads.create(who, d);
    ctx.header("Location", PATH + "/" + item.id());
    ctx.header("Cowatch-Media-Id", item.id());
    ctx.header("Upload-Expires", httpDate(item.upload().expiresAt()));
    ctx.status(201);
  }

  void head(Context ctx) throws IOException {
    tusHeaders(ctx);
    ctx.header("Cache-Control", "no-store");
    Identity who = auth.require(ctx);
    requireVersion(ctx);
    MediaItem item = uploads.status(who.userId(), ctx.pathParam("mediaId"));
    offsetHeaders(ctx, item);
    ctx.header("Upload-Length", Long.toString(item.sizeBytes()));
    ctx.status(200);
  }

  void patch(Context ctx) throws IOException {
    tusHeaders(ctx);
    Identity who = auth.require(ctx);
    requireVersion(ctx);
    String type = ctx.header("Content-Type");
    if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith(OFFSET_OCTET_STREAM)) {
      throw new Refusal(415, "unsupported-media-type", "Unsupported Media Type",
          "a PATCH carries Content-Type: " + OFFSET_OCTET_STREAM);
    }
    long offset = TusHeaders.number("Upload-Offset", ctx.header("Upload-Offset"));
    long length = ctx.req().getContentLengthLong();
    MediaItem item = uploads.append(who.userId(), ctx.pathParam("mediaId"), offset, length,
        ctx.req().getInputStream());
    offsetHeaders(ctx, item);
    ctx.status(204);
  }

  void terminate(Context ctx) {
    tusHeaders(ctx);
    Identity who = auth.require(ctx);
    requireVersion(ctx);
    uploads.terminate(who.userId(), ctx.pathParam("mediaId"));
    ctx.status(204);
  }

  private static void offsetHeaders(Context ctx, MediaItem item) {
    ctx.header("Upload-Offset", Long.toString(item.receivedBytes()));
    if (item.upload() != null) ctx.header("Upload-Expires", httpDate(item.upload().expiresAt()));
  }

  private static void tusHeaders(Context ctx) {
    ctx.header("Tus-Resumable", TusHeaders.VERSION);
  }

  /** tus core: a request in another protocol version is refused with the versions this server speaks. */
  private static void requireVersion(Context ctx) {
    String version = ctx.header("Tus-Resumable");
    if (!TusHeaders.VERSION.equals(version == null ? null : version.strip())) {
      throw new Refusal(412, "tus-version-unsupported", "Precondition Failed",
          "send Tus-Resumable: " + TusHeaders.VERSION, Map.of("Tus-Version", TusHeaders.VERSION));
    }
  }

  private static String httpDate(long epochMs) {
    return MediaStream.HTTP_DATE.format(Instant.ofEpochMilli(epochMs));
  }
}
