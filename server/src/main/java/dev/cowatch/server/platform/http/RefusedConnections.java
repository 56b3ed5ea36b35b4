package dev.cowatch.server.platform.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of everything (WebSocket upgrades included): a request on a connection that
 * {@link GuardedConnector} counted past its address's limit is answered 429 problem+json with
 * {@code Connection: close}, and the connection ends with it.
 */
public final class RefusedConnections extends Handler.Wrapper {
  /** Connections end within a request or an idle timeout: a second is a fair guess at when one frees up. */
  private static final String RETRY_AFTER_SECONDS = "1";

  public RefusedConnections(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    var meta = request.getConnectionMetaData();
    if (!(meta.getConnector() instanceof GuardedConnector connector)
        || !connector.refuses(meta.getConnection().getEndPoint())) {
      return super.handle(request, response, callback);
    }
    response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    EdgeProblems.send(request, response, callback, 429, "too-many-connections", "Too many connections",
        "this address has " + connector.limit() + " connections open, the most it may: close some first");
    return true;
  }
}
