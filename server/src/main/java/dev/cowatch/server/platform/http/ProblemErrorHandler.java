package dev.cowatch.server.platform.http;

import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers, to requests it refuses before any handler sees them (headers too large,
 * a request line it cannot parse), as problem+json like every other error instead of its HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
    if (status < 400) status = 500;
    String body = Problem.json(status, Problem.typeOfStatus(status), titleOf(status), null, null, Map.of());
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    Content.Sink.write(response, true, body, callback);
    return true;
  }

  public static String titleOf(int status) {
    String reason = HttpStatus.getMessage(status);
    return reason == null ? "Error" : reason;
  }
}
