package dev.cowatch.server.platform.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The web app's pages ({@link #PAGES}: home, room links, invite links, the account pages mail
 * links point to) all answer with the same index.html (the app routes in the browser,
 * web/src/ui/router.ts); its scripts and styles are static files under {@code /assets}, all from
 * the cowatch-web jar.
 */
public final class WebRoutes {
  /** Classpath folder of the bundled web app. */
  public static final String PUBLIC = "/public";

  /**
   * Nothing but our own scripts and styles; videos and HLS segments may come from anywhere the
   * room's URL points to (connect-src for hls.js, which fetches segments itself).
   */
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "media-src * blob: data:",
      "connect-src *",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'");

  /** A room link: answered with the room's own title and Open Graph tags (see {@link #page}). */
  public static final String ROOM_PAGE = "/r/{roomId}";

  /** Paths answered with index.html; keep in step with web/src/ui/router.ts. */
  public static final List<String> PAGES = List.of("/", ROOM_PAGE, "/i/{token}", "/signup", "/signin", "/verify",
      "/reset-password", "/me", "/rooms", "/directory", "/media", "/friends", "/notifications", "/showings",
      "/showings/new", "/s/{showingId}", "/history", "/files", "/admin");

  /**
   * The room with no server (web/src/nearby.ts): a page of its own that asks no API, so that it also runs
   * from the installed app offline and from any static host.
   */
  public static final List<String> NEARBY_PAGES = List.of("/nearby", "/nearby.html");

  private final String indexHtml;
  private final String nearbyHtml;

  public WebRoutes() {
    this.indexHtml = load("/index.html");
    this.nearbyHtml = load("/nearby.html");
  }

  /** False when the server was built without the web app (then only the API is served). */
  public boolean available() {
    return indexHtml != null;
  }

  /**
   * The service worker (web/src/sw.ts) at the site's root, so its scope covers every page: it plays a
   * file shared from another browser while it arrives.
   */
  public void serviceWorker(Context ctx) {
    try (InputStream in = WebRoutes.class.getResourceAsStream(PUBLIC + "/sw.js")) {
      if (in == null) {
        ctx.status(404);
        return;
      }
      ctx.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff")
          .contentType("text/javascript; charset=utf-8").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void index(Context ctx) {
    send(ctx, indexHtml);
  }

  public void nearby(Context ctx) {
    if (nearbyHtml == null) {
      ctx.status(404);
      return;
    }
    send(ctx, nearbyHtml);
  }

  /**
   * index.html with the page's own title and Open Graph tags, or the plain page when there is no
   * preview (no such room: the app then says so).
   */
  public void page(Context ctx, java.util.Optional<LinkPreview> preview) {
    send(ctx, preview.map(p -> withPreview(indexHtml, p)).orElse(indexHtml));
  }

  static String withPreview(String html, LinkPreview preview) {
    String titled = html.replace("<title>Cowatch</title>", "<title>" + preview.titleHtml() + "</title>");
    int head = titled.indexOf("</head>");
    return head < 0 ? titled : titled.substring(0, head) + preview.headHtml() + titled.substring(head);
  }

  private void send(Context ctx, String html) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-cache")
        .contentType("text/html; charset=utf-8")
        .result(html);
  }

  private static String load(String file) {
    try (InputStream in = WebRoutes.class.getResourceAsStream(PUBLIC + file)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the web app's " + file, e);
    }
  }
}
