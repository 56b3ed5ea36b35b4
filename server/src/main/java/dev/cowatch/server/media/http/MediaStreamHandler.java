package dev.cowatch.server.media.http;

import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaLibrary;
import dev.cowatch.server.platform.http.EdgeProblems;
import dev.cowatch.server.platform.http.EdgeRequests;
import java.time.Clock;
import dev.cowatch.server.platform.http.Problem;
import dev.cowatch.server.platform.http.ProblemErrorHandler;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.MDC;

/**
 * {@code GET} and {@code HEAD /api/media/{mediaId}/stream}, answered on Jetty's own API in front of
 * Javalin: every Range request of a playing video comes here, and the servlet layer, Javalin's routing
 * and a thread held while the body drains cost as much as checking the signed URL and answering
 * (docs/performance-history.md#fourth-pass-2026-11-23-night-streams-in-front-of-javalin).
 * The body is written asynchronously; every other request goes on to Javalin untouched.
 */
public final class MediaStreamHandler extends Handler.Wrapper {
  /** The route as the API document and the metrics name it. */
  public static final String ROUTE = "/api/media/{mediaId}/stream";
  private static final String PREFIX = "/api/media/";
  private static final String SUFFIX = "/stream";
  /** Media ids are short; anything longer is no stream path and goes on to Javalin's 404. */
  private static final int MAX_ID = 64;

  private final MediaLibrary library;
  private final MediaOffload offload;
  private final EdgeRequests edge;
  /** Made when the server starts, closed when it stops. */
  private volatile SliceWriters slices;

  public MediaStreamHandler(MediaLibrary library, dev.cowatch.server.media.MediaDelivery delivery, Clock clock,
      EdgeRequests edge, Handler next) {
    super(next);
    this.library = library;
    this.offload = new MediaOffload(delivery, clock);
    this.edge = edge;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String mediaId = mediaIdOf(request.getHttpURI().getPath());
    if (mediaId == null) return super.handle(request, response, callback);
    EdgeRequests.Open open = edge.begin(request, response, ROUTE);
    MDC.put("request", open.id());
    try {
      answer(request, response, callback, mediaId, open);
    } catch (Exception failure) {
      // Nothing has been written before any of the steps that can throw (every write reports to its callback).
      int status = failure instanceof HttpException bad
          ? EdgeProblems.send(request, response, callback, bad.getCode(), Problem.typeOfStatus(bad.getCode()),
              ProblemErrorHandler.titleOf(bad.getCode()), bad.getReason())
          : EdgeProblems.send(request, response, callback, failure);
      open.end(status, 0);
    } finally {
      MDC.remove("request");
    }
    return true;
  }

  private void answer(Request request, Response response, Callback callback, String mediaId, EdgeRequests.Open open)
      throws Exception {
    // Before anything can answer: refusals, 304s and 416s are media answers too.
    MediaHeaders.guard(response.getHeaders());
    String method = request.getMethod();
    boolean head = HttpMethod.HEAD.is(method);
    if (!head && !HttpMethod.GET.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      open.end(EdgeProblems.send(request, response, callback, 405, "method-not-allowed", "Method not allowed",
          method + " is not one of the methods " + request.getHttpURI().getPath() + " takes"), 0);
      return;
    }
    Fields query = Request.extractQueryParameters(request);
    MediaItem item = library.streamable(mediaId, query.getValue("u"), query.getValue("exp"), query.getValue("sig"));
    // Checked by streamable: exp is a number.
    long expiresAt = Long.parseLong(query.getValue("exp"));
    int offloaded = offload.prepare(response, item, library.store(), expiresAt);
    if (offloaded != 0) {
      response.write(true, null, measured(callback, open, offloaded, 0));
      return;
    }
    MediaStream.Plan plan = MediaStream.plan(request, response, item, head);
    MediaStream.write(plan, request, response, measured(callback, open, plan.status(), plan.bodyBytes()), item,
        library.store(), slices);
  }

  @Override
  protected void doStart() throws Exception {
    slices = SliceWriters.perCore();
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    slices.close();
  }

  /** Ends the measurement when the answer is out; a viewer gone before (a seek, a closed page) sent less. */
  private static Callback measured(Callback callback, EdgeRequests.Open open, int status, long bodyBytes) {
    return Callback.from(() -> {
      open.end(status, bodyBytes);
      callback.succeeded();
    }, failure -> {
      open.end(status, 0);
      callback.failed(failure);
    });
  }

  /** The id in {@code /api/media/{id}/stream}, or null when the path is not a stream's. */
  static String mediaIdOf(String path) {
    if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) return null;
    int end = path.length() - SUFFIX.length();
    if (end <= PREFIX.length() || end - PREFIX.length() > MAX_ID) return null;
    String id = path.substring(PREFIX.length(), end);
    return id.indexOf('/') >= 0 ? null : id;
  }
}
