package dev.cowatch.server.platform.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;

/**
 * Javalin's own errors (no such route, method not allowed, body too large) as problem+json like every other
 * error, and every failure of a route as {@link FailureAnswers} says.
 */
public final class JavalinErrors {
  private JavalinErrors() {}

  public static void answerAsProblems(JavalinConfig c) {
    // Javalin answers its own errors (no such route, method not allowed) in text/plain unless the
    // application maps HttpResponseException itself: ours are problem+json like every other error.
    c.routes.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      String detail = switch (status) {
        case 404 -> "no route " + ctx.method() + " " + ctx.path();
        case 405 -> ctx.method() + " is not one of the methods " + ctx.path() + " takes";
        case 413 -> "the body is larger than this route takes";
        default -> null;
      };
      if (status == 405 && e.getDetails().get("availableMethods") instanceof String allowed) {
        ctx.header("Allow", allowed.replaceAll("[\\[\\] ]", ""));
      }
      Problem.send(ctx, status, Problem.typeOfStatus(status), ProblemErrorHandler.titleOf(status), detail);
    });
    c.routes.error(404, ctx -> {
      if (ctx.result() == null) Problem.send(ctx, 404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path());
    });
    // Every refusal, from any module or from the HTTP edge reading a request, and every other failure: one table
    // (FailureAnswers) for these routes and the handlers in front of them.
    c.routes.exception(Exception.class, (e, ctx) -> Problem.send(ctx, e));
  }
}
