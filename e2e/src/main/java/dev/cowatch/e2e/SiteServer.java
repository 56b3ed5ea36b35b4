package dev.cowatch.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The local test pages that imitate what streaming sites do to their player (resources
 * {@code /extension-sites/}): a plain {@code <video>}, one in shadow roots, one in a same-origin iframe,
 * one re-created around an "ad", one that undoes writes not made through its own API, and four that play
 * adaptive streams through the players sites use (Shaka Player, dash.js, hls.js, video.js). Served on
 * 127.0.0.1 at a random port, with a strict content security policy (the page may connect only to its
 * own origin); the video pages play the video named by their {@code ?video=} parameter, the streaming pages
 * the manifest named by {@code ?src=}.
 *
 * <p>Started with {@link AdaptiveStreams}, it serves them too, under {@code /streams/}, through a
 * {@link #throttle(long) throttle} a test may change while a page plays, counting the media segments
 * served per rendition.
 */
public final class SiteServer implements AutoCloseable {
  /** The manifests of {@link AdaptiveStreams}, as served under /streams/. */
  public enum Manifest {
    DASH("dash/manifest.mpd"), HLS("hls/master.m3u8");

    public final String path;

    Manifest(String path) {
      this.path = path;
    }
  }

  /** The pages a test can open (frame.html is the iframe's content); the streaming ones with the manifest they play. */
  public enum Site {
    PLAIN("plain.html", null), SHADOW("shadow.html", null), IFRAME("iframe.html", null), AD("ad.html", null),
    API("api-player.html", null),
    SHAKA("shaka.html", Manifest.DASH), DASHJS("dashjs.html", Manifest.DASH), HLSJS("hlsjs.html", Manifest.HLS),
    VIDEOJS("videojs.html", Manifest.HLS);

    public final String file;
    /** What a streaming page plays; null for the pages that play one video file. */
    public final Manifest manifest;

    Site(String file, Manifest manifest) {
      this.file = file;
      this.manifest = manifest;
    }
  }

  /** A page or its stylesheet or script; the players (lib/) are copied from npm by the build. */
  private static final Pattern NAME = Pattern.compile("(lib/)?[a-z0-9][a-z0-9.-]{0,60}\\.(html|css|js)");
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8");
  /**
   * As strict as streaming sites are: the page itself may connect only to its own origin. The extension's room
   * connection and player control must not depend on the page allowing them. What MSE players need and sites
   * therefore allow: media from blob: URLs (a MediaSource) and data: (hls.js gives its metadata track a
   * {@code <track src="data:,WEBVTT">}), workers from blob: (hls.js and video.js build their transmuxing workers
   * that way), video.js's icon font as a data: URL. The video pages play files from the
   * E2eStack on another port of 127.0.0.1.
   */
  static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
      + "font-src 'self' data:; img-src 'self' data:; media-src 'self' blob: data: http://127.0.0.1:*; worker-src 'self' blob:; "
      + "connect-src 'self'";

  private final HttpServer http;
  private final StreamFiles streams;

  private SiteServer(HttpServer http, StreamFiles streams) {
    this.http = http;
    this.streams = streams;
  }

  public static SiteServer start() throws IOException {
    return start(null);
  }

  /** The pages, and {@code streams} (made) under /streams/, unthrottled until {@link #throttle(long)}. */
  public static SiteServer start(AdaptiveStreams streams) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/sites/", SiteServer::handle);
    StreamFiles files = streams == null ? null : new StreamFiles(streams.dir());
    if (files != null) http.createContext(StreamFiles.PREFIX, files::handle);
    http.start();
    return new SiteServer(http, files);
  }

  private String origin() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** The address of {@code site} playing {@code videoUrl}. */
  public String url(Site site, String videoUrl) {
    return origin() + "/sites/" + site.file + "?video=" + URLEncoder.encode(videoUrl, StandardCharsets.UTF_8);
  }

  /** The address of streaming {@code site} playing {@code manifestUrl} (any URL its page may load: same origin). */
  public String streamUrl(Site site, String manifestUrl) {
    if (site.manifest == null) throw new IllegalArgumentException(site + " plays a video file, not a stream");
    return origin() + "/sites/" + site.file + "?src=" + URLEncoder.encode(manifestUrl, StandardCharsets.UTF_8);
  }

  /** The address of streaming {@code site} playing the served streams' manifest of its kind. */
  public String streamUrl(Site site) {
    return streamUrl(site, manifestUrl(site.manifest));
  }

  /** Where the served streams' {@code manifest} is. */
  public String manifestUrl(Manifest manifest) {
    requireStreams();
    return origin() + StreamFiles.PREFIX + manifest.path;
  }

  /**
   * Paces every media segment from now on (a response under way too) to {@code bitsPerSecond} shared by all
   * of them, as a viewer's link would; 0 lifts the limit. Manifests are never paced.
   */
  public void throttle(long bitsPerSecond) {
    requireStreams().throttle().set(bitsPerSecond);
  }

  /** Media segments sent whole so far, per rendition name (240p, 360p, 540p, and audio for DASH's audio). */
  public Map<String, Long> segmentsServed() {
    return requireStreams().served();
  }

  private StreamFiles requireStreams() {
    if (streams == null) throw new IllegalStateException("started without streams: SiteServer.start(AdaptiveStreams)");
    return streams;
  }

  private static void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String name = ex.getRequestURI().getPath().substring("/sites/".length());
      if (!NAME.matcher(name).matches()) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      try (InputStream in = SiteServer.class.getResourceAsStream("/extension-sites/" + name)) {
        if (in == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = in.readAllBytes();
        ex.getResponseHeaders().set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
