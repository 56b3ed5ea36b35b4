package dev.cowatch.server.http;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Ends a request with a problem+json answer from wherever it is thrown in a handler; mapped once, in
 * {@link AuthRoutes#register}. Lets helpers such as {@link Authentication#require} stop a request
 * without every handler checking a return value.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;
  private final transient Map<String, String> headers;

  public ProblemException(int status, String type, String title, String detail) {
    this(status, type, title, detail, Map.of());
  }

  public ProblemException(int status, String type, String title, String detail, Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  void send(Context ctx) {
    headers.forEach(ctx::header);
    Problem.send(ctx, status, type, title, getMessage());
  }
}
