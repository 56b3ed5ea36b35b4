package dev.cowatch.server.platform.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * What the operator sees of a request answered below Javalin, in front of its routes (media streams): the
 * same request id, metrics and span as Javalin's requests get. Begun when the request arrives, ended once
 * its answer is written, which for a stream is long after the handler returned.
 */
public interface EdgeRequests {
  /** Gives the request its id (in the answer's headers too) and starts what is measured of it. */
  Open begin(Request request, Response response, String route);

  /** One request under way. */
  interface Open {
    /** The request's id, for the log while the request's own thread handles it. */
    String id();

    /** @param bodyBytes the body bytes the answer carried (0 for HEAD and errors) */
    void end(int status, long bodyBytes);
  }
}
