package dev.cowatch.server.media.http;

import dev.cowatch.server.media.ByteRange;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.ServedType;
import dev.cowatch.server.media.storage.FileRegionChannel;
import dev.cowatch.server.platform.http.EdgeProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
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
 * docs/performance-history.md#media-streaming-against-nginx-benchrun-media) mapping 8 MiB per request
 * reached 0.4-0.55 of nginx's throughput, reading into direct buffers 0.5-0.75, and the shared mapping 1.0-1.2.
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
   * Bytes handed to Jetty per write. A write that fits the socket's send buffer finishes at once and the
   * next slice follows; what does not is finished by Jetty's selector when the socket drains, and a
   * selector busy copying megabytes delays every other connection. On a quiet machine 256 KiB and
   * 8 MiB measured alike; with the machine's cores contended by other work 256 KiB kept 0.63 of
   * nginx's throughput where 8 MiB fell to 0.33 (bench/run media). 64 KiB did better in paired rounds
   * on a machine busy with other work, but on a quiet one, the condition the media targets are set
   * in, it cost a third more CPU per byte: two alternating runs each, ratio 0.67/0.72 against
   * 0.87/0.84 for 256 KiB, 0.52/0.44 against 0.39/0.34 s per GiB
   * (docs/performance-history.md#third-pass-2026-11-23-evening-on-a-quiet-machine-64-kib-slices-were-the-wrong-choice).
   */
  static final int WRITE_SLICE = 256 * 1024;
  /** Media URLs are per viewer and signed: shared caches keep none of it. */
  static final String CACHE_CONTROL = "private";
  /** Copy buffer for stores without a file (S3). */
  static final int COPY_BUFFER = 64 * 1024;

  private MediaStream() {}

  /**
   * What a request for an item's bytes gets: the status, and the stretch of the file browsers play (the
   * converted one when the original needed converting, {@link MediaItem#served}) that follows as its body.
   */
  record Plan(int status, long first, long length, boolean body, long size) {
    /** The body bytes the answer carries. */
    long bodyBytes() {
      return body ? length : 0;
    }
  }

  /** Decides the answer (conditional requests, the range) and puts its status and headers on {@code response}. */
  static Plan plan(Request request, Response response, MediaItem item, boolean head) {
    MediaItem.Derived served = item.served();
    long size = served.sizeBytes();
    String etag = "\"" + served.sha256() + "\"";
    long lastModifiedSeconds = Math.floorDiv(item.createdAt(), 1000);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
    headers.put(HttpHeader.ETAG, etag);
    headers.put(HttpHeader.LAST_MODIFIED, HTTP_DATE.format(Instant.ofEpochSecond(lastModifiedSeconds)));
    headers.put(HttpHeader.CACHE_CONTROL, CACHE_CONTROL);
    // Already on every answer of the route (MediaStreamHandler); here too, so that no answer planned here lacks them.
    MediaHeaders.guard(headers);
    HttpFields asked = request.getHeaders();
    if (notModified(asked, etag, lastModifiedSeconds)) {
      response.setStatus(304);
      return new Plan(304, 0, 0, false, size);
    }
    ByteRange.Verdict verdict = ByteRange.parse(asked.get(HttpHeader.RANGE), size);
    String ifRange = asked.get(HttpHeader.IF_RANGE);
    if (ifRange != null && !(verdict instanceof ByteRange.None) && !ifRangeHolds(ifRange, etag, lastModifiedSeconds)) {
      verdict = new ByteRange.Ignored("If-Range does not match: the client's copy is of other bytes");
    }
    Plan plan = switch (verdict) {
      case ByteRange.Unsatisfiable u -> {
        headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
        yield new Plan(416, 0, 0, false, size);
      }
      case ByteRange.Satisfiable s -> {
        headers.put(HttpHeader.CONTENT_RANGE, s.range().contentRange(size));
        yield new Plan(206, s.range().first(), s.range().length(), !head, size);
      }
      case ByteRange.None n -> new Plan(200, 0, size, !head && size > 0, size);
      case ByteRange.Ignored i -> new Plan(200, 0, size, !head && size > 0, size);
    };
    if (plan.status() == 416) return plan;
    response.setStatus(plan.status());
    MediaHeaders.type(headers, ServedType.of(served.contentType()));
    headers.put(HttpHeader.CONTENT_LENGTH, plan.length());
    return plan;
  }

  /** Sends what {@link #plan} decided; {@code callback} completes once the body is out (or fails, the viewer gone). */
  static void write(Plan plan, Request request, Response response, Callback callback, MediaItem item,
      MediaStore store, Executor slices) {
    if (plan.status() == 416) {
      EdgeProblems.send(request, response, callback, 416, "range-not-satisfiable", "Range not satisfiable",
          "the range starts at or after the end of the " + plan.size() + " bytes");
      return;
    }
    if (!plan.body()) {
      response.write(true, null, callback);
      return;
    }
    ReadableByteChannel in;
    try {
      in = store.open(item.served().key(), plan.first(), plan.length());
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
      return;
    }
    if (in instanceof FileRegionChannel region) {
      new MappedWrites(region, response, callback, slices).iterate();
      return;
    }
    try (in) {
      copy(in, response);
      response.write(true, null, callback);
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
    }
  }

  /**
   * The region written in slices, each after the last is out, without holding a thread while the socket
   * drains: a viewer reading slowly costs a mapping view, not a thread. The first slice is written by the
   * request's thread, so the first byte never waits; each later one is a task of its own on
   * {@link SliceWriters}, behind the slices of other streams that were ready before it.
   */
  private static final class MappedWrites extends IteratingCallback {
    private final FileRegionChannel region;
    private final Response response;
    private final Callback done;
    /** A slice written: the next is queued behind the other streams' instead of following at once. */
    private final Callback queued;
    private long sent;

    MappedWrites(FileRegionChannel region, Response response, Callback done, Executor executor) {
      this.region = region;
      this.response = response;
      this.done = done;
      this.queued = Callback.from(() -> executor.execute(this::succeeded), this::failed);
    }

    @Override
    protected Action process() throws IOException {
      if (sent >= region.length()) return Action.SUCCEEDED;
      ByteBuffer slice = region.mapped(sent, WRITE_SLICE);
      sent += slice.remaining();
      boolean last = sent >= region.length();
      response.write(last, slice, last ? this : queued);
      return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
      closeRegion();
      done.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
      closeRegion();
      // The viewer seeked or closed the page: normal for media, and nothing more can be said to it.
      log.debug("media stream ended early: {}", cause.toString());
      done.failed(cause);
    }

    private void closeRegion() {
      try {
        region.close();
      } catch (IOException e) {
        log.debug("closing a mapped region: {}", e.toString());
      }
    }
  }

  /** A store without a file (S3): read and written one buffer at a time, on the request's (virtual) thread. */
  private static void copy(ReadableByteChannel in, Response response) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(COPY_BUFFER);
    while (in.read(buffer) >= 0) {
      buffer.flip();
      try (Blocker.Callback written = Blocker.callback()) {
        response.write(false, buffer, written);
        written.block();
      }
      buffer.clear();
    }
  }

  /** If-None-Match (weak comparison), else If-Modified-Since (RFC 9110 §13.2.2 order). */
  private static boolean notModified(HttpFields asked, String etag, long lastModifiedSeconds) {
    String ifNoneMatch = asked.get(HttpHeader.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || opaque(t).equals(opaque(etag))) return true;
      }
      return false;
    }
    String since = asked.get(HttpHeader.IF_MODIFIED_SINCE);
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
