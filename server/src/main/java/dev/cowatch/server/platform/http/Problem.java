package dev.cowatch.server.platform.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details: a stable {@code type} per error, a title and the specifics. */
public final class Problem {
  private static final String BASE = "https://cowatch.dev/problems/";

  private Problem() {}

  public static void send(Context ctx, int status, String type, String title, String detail) {
    send(ctx, status, type, title, detail, Map.of());
  }

  /** With extension members, e.g. {@code errors: [{field, message}]} for validation failures. */
  public static void send(Context ctx, int status, String type, String title, String detail,
      Map<String, ?> extensions) {
    ctx.status(status).contentType(CONTENT_TYPE).result(utf8(json(status, type, title, detail, ctx.path(), extensions)));
  }

  /**
   * A failure as its answer ({@link FailureAnswers}: a refusal with its Retry-After, headers and extension
   * members; a database outage; anything else as 500).
   */
  public static void send(Context ctx, Exception failure) {
    FailureAnswers.Answer answer = FailureAnswers.of(failure, ctx.method().name(), ctx.path());
    answer.headers().forEach(ctx::header);
    ctx.status(answer.status()).contentType(CONTENT_TYPE).result(utf8(answer.body()));
  }

  /**
   * JSON is UTF-8 (RFC 8259). As a string, Javalin encodes the body in the response's charset, which Jetty
   * takes as ISO-8859-1 for this media type (it assumes UTF-8 only for application/json): a ban's reason
   * "Spam links — sorry" arrived as "Spam links ? sorry", and "Ä" as a byte that is not UTF-8.
   */
  private static byte[] utf8(String body) {
    return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The type of an error the HTTP layer itself answers (Jetty before any handler, Javalin for routes and
   * bodies): one table for both, named like the application's own types, never {@code http-413}.
   */
  public static String typeOfStatus(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 413 -> "body-too-large";
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 431 -> "headers-too-large";
      default -> status >= 500 ? "internal" : "bad-request";
    };
  }

  public static final String CONTENT_TYPE = "application/problem+json";

  /** The body alone, for answers written below Javalin (Jetty's own errors, refused connections). */
  public static String json(int status, String type, String title, String detail, String instance,
      Map<String, ?> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", BASE + type);
    body.put("title", title);
    body.put("status", status);
    if (detail != null) body.put("detail", detail);
    if (instance != null) body.put("instance", instance);
    extensions.forEach(body::putIfAbsent);
    return Json.write(body);
  }
}
