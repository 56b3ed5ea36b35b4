package dev.cowatch.server.media.http;

import dev.cowatch.server.media.ServedType;
import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The headers every answer about an item's bytes carries (stream, poster, subtitle, their refusals, redirects and
 * grants; docs/api.md "Media"): the browser takes the type as sent ({@code nosniff}), and a document made of the
 * bytes anyway (opened in a tab) is a sandbox with no script, no plugins, no same-origin access and nothing loaded.
 * So uploaded bytes never run on Cowatch's origin, where the tokens are (issue 51, finding 3).
 */
final class MediaHeaders {
  static final String CSP = "sandbox; default-src 'none'";
  static final String ATTACHMENT = "attachment";
  private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
  private static final HttpField POLICY = new PreEncodedHttpField("Content-Security-Policy", CSP);

  private MediaHeaders() {}

  /** {@code nosniff} and the sandbox, on Jetty's headers. */
  static void guard(HttpFields.Mutable headers) {
    headers.put(NOSNIFF);
    headers.put(POLICY);
  }

  /** {@code nosniff} and the sandbox, on a Javalin answer. */
  static void guard(Context ctx) {
    ctx.header(NOSNIFF.getName(), NOSNIFF.getValue());
    ctx.header(POLICY.getName(), POLICY.getValue());
  }

  /** The item's type as served ({@link ServedType}), with {@code Content-Disposition: attachment} when unchecked. */
  static void type(HttpFields.Mutable headers, ServedType served) {
    headers.put(HttpHeader.CONTENT_TYPE, served.contentType());
    if (served.attachment()) headers.put(HttpHeader.CONTENT_DISPOSITION, ATTACHMENT);
  }
}
