package dev.cowatch.server.platform.http;

import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Problem+json answers written by handlers in front of Javalin, failures as {@link FailureAnswers} says. */
public final class EdgeProblems {
  private EdgeProblems() {}

  /** Answers {@code failure} as {@link FailureAnswers} says; returns the status sent. */
  public static int send(Request request, Response response, Callback callback, Exception failure) {
    FailureAnswers.Answer answer = FailureAnswers.of(failure, request.getMethod(), request.getHttpURI().getPath());
    answer.headers().forEach(response.getHeaders()::put);
    return write(response, callback, answer.status(), answer.body());
  }

  /** Any other status with its problem body (405, say). */
  public static int send(Request request, Response response, Callback callback, int status, String type,
      String title, String detail) {
    return write(response, callback, status, Problem.json(status, type, title, detail, request.getHttpURI().getPath(),
        Map.of()));
  }

  private static int write(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    Content.Sink.write(response, true, body, callback);
    return status;
  }
}
