package dev.cowatch.server.media.http;

import dev.cowatch.server.media.ByteRange;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.storage.FileRegionChannel;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.http.Problem;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers GET and HEAD for a media item's bytes: conditional requests (RFC 9110 §13: If-None-Match,
 * If-Modified-Since, If-Range), one byte range (§14, {@link ByteRange}), and the body streamed from
 * the {@link MediaStore} without ever holding more than one chunk of it.
 *
 * <p>A local file's region is sent as views of the file's memory mapping, one mapping per file shared by
 * every request ({@code storage.MappedFiles}): Jetty writes them to the socket straight from the page
 * cache, with no copy through the Java heap or a pool buffer. Other stores' streams go through one
 * direct buffer per request. Under 32 concurrent Range requests on a 1 GiB file (bench/run media,
 * docs/performance.md) mapping 8 MiB per request reached 0.4-0.55 of nginx's throughput, reading into
 * direct buffers 0.5-0.75, and the shared mapping 1.0-1.2.
 *
 * <p>The item's bytes never change once stored (a new upload is a new item), so the SHA-256 is a
 * strong ETag and the creation time its Last-Modified.
 */
final class MediaStream {
  private static final Logger log = LoggerFactory.getLogger(MediaStream.class);
  /** IMF-fixdate (RFC 9110 §5.6.7); java's RFC_1123 formatter leaves the day unpadded. */
  static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
      .withZone(ZoneOffset.UTC);
  /**
   * Bytes handed to Jetty per write. A write that fits the socket's send buffer finishes on the
   * request's own thread; what does not is finished by Jetty's selector when the socket drains, and a
   * selector busy copying megabytes delays every other connection. On a quiet machine 256 KiB and
   * 8 MiB measured alike; with the machine's cores contended by other work 256 KiB kept 0.63 of
   * nginx's throughput where 8 MiB fell to 0.33 (bench/run media). 64 KiB did better in paired rounds
   * on a machine busy with other work, but on a quiet one, the condition the media targets are set
   * in, it cost a third more CPU per byte: two alternating runs each, ratio 0.67/0.72 against
   * 0.87/0.84 for 256 KiB, 0.52/0.44 against 0.39/0.34 s per GiB (docs/performance.md, issue 28).
   */
  static final int WRITE_SLICE = 256 * 1024;
  /** Media URLs are per viewer and signed: shared caches keep none of it. */
  static final String CACHE_CONTROL = "private";
  /** Copy buffer for stores without a file (S3). */
  static final int COPY_BUFFER = 64 * 1024;

  private MediaStream() {}

  /** The file browsers play: the converted one when the original needed converting ({@link MediaItem#served}). */
  static void send(Context ctx, MediaItem item, MediaStore store, boolean head) throws IOException {
    MediaItem.Derived served = item.served();
    long size = served.sizeBytes();
    String etag = "\"" + served.sha256() + "\"";
    long lastModifiedSeconds = Math.floorDiv(item.createdAt(), 1000);
    ctx.header("Accept-Ranges", "bytes");
    ctx.header("ETag", etag);
    ctx.header("Last-Modified", HTTP_DATE.format(Instant.ofEpochSecond(lastModifiedSeconds)));
    ctx.header("Cache-Control", CACHE_CONTROL);
    ctx.header("X-Content-Type-Options", "nosniff");

    if (notModified(ctx, etag, lastModifiedSeconds)) {
      ctx.status(304);
      return;
    }
    ByteRange.Verdict verdict = ByteRange.parse(ctx.header("Range"), size);
    String ifRange = ctx.header("If-Range");
    if (ifRange != null && !(verdict instanceof ByteRange.None) && !ifRangeHolds(ifRange, etag, lastModifiedSeconds)) {
      verdict = new ByteRange.Ignored("If-Range does not match: the client's copy is of other bytes");
    }
    long first = 0;
    long length = size;
    switch (verdict) {
      case ByteRange.Unsatisfiable u -> {
        ctx.status(416).header("Content-Range", "bytes */" + size);
        Problem.send(ctx, 416, "range-not-satisfiable", "Range not satisfiable",
            "the range starts at or after the end of the " + size + " bytes");
        return;
      }
      case ByteRange.Satisfiable s -> {
        first = s.range().first();
        length = s.range().length();
        ctx.status(206).header("Content-Range", s.range().contentRange(size));
      }
      case ByteRange.None n -> ctx.status(200);
      case ByteRange.Ignored i -> ctx.status(200);
    }
    ctx.res().setContentType(served.contentType());
    ctx.res().setContentLengthLong(length);
    if (head || length == 0) return;
    try (ReadableByteChannel in = store.open(served.key(), first, length)) {
      ServletOutputStream out = ctx.res().getOutputStream();
      if (in instanceof FileRegionChannel region && out instanceof HttpOutput jetty) {
        sendMapped(region, jetty);
      } else {
        copy(in, out);
      }
      out.flush();
    } catch (IOException e) {
      if (ctx.res().isCommitted()) {
        // The viewer seeked or closed the page: normal for media, and nothing more can be said to it.
        log.debug("media stream of {} ended early: {}", item.id(), e.toString());
        return;
      }
      throw e;
    }
  }

  /** The poster: a small JPEG, sent whole. Posters are made once and never change, like the item's bytes. */
  static void sendPoster(Context ctx, MediaItem item, MediaStore store) throws IOException {
    long size = store.size(item.posterKey()).orElseThrow(() -> new Refusal(
        Refusal.Kind.NOT_FOUND, "poster-not-found", "the poster of media '" + item.id()
        + "' is missing from the store"));
    ctx.header("Cache-Control", "private, max-age=3600");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.res().setContentType("image/jpeg");
    ctx.res().setContentLengthLong(size);
    try (ReadableByteChannel in = store.open(item.posterKey(), 0, size)) {
      ServletOutputStream out = ctx.res().getOutputStream();
      copy(in, out);
      out.flush();
    }
  }

  private static void sendMapped(FileRegionChannel region, HttpOutput out) throws IOException {
    for (long sent = 0; sent < region.length(); ) {
      ByteBuffer slice = region.mapped(sent, WRITE_SLICE);
      sent += slice.remaining();
      out.write(slice);
    }
  }

  private static void copy(ReadableByteChannel in, ServletOutputStream out) throws IOException {
    if (out instanceof HttpOutput jetty) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(COPY_BUFFER);
      while (in.read(buffer) >= 0) {
        buffer.flip();
        jetty.write(buffer);
        buffer.clear();
      }
    } else {
      java.nio.channels.Channels.newInputStream(in).transferTo(out);
    }
  }

  /** If-None-Match (weak comparison), else If-Modified-Since (RFC 9110 §13.2.2 order). */
  private static boolean notModified(Context ctx, String etag, long lastModifiedSeconds) {
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || opaque(t).equals(opaque(etag))) return true;
      }
      return false;
    }
    String since = ctx.header("If-Modified-Since");
    if (since != null) {
      Long at = parseDate(since);
      return at != null && lastModifiedSeconds <= at;
    }
    return false;
  }

  /** If-Range holds when it is our ETag (strong comparison) or exactly our Last-Modified date. */
  private static boolean ifRangeHolds(String ifRange, String etag, long lastModifiedSeconds) {
    String v = ifRange.strip();
    if (v.startsWith("\"") || v.startsWith("W/")) return v.equals(etag);
    Long at = parseDate(v);
    return at != null && at == lastModifiedSeconds;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static Long parseDate(String value) {
    try {
      return Instant.from(HTTP_DATE.parse(value.strip())).getEpochSecond();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
