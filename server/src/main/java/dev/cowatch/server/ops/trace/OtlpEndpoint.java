package dev.cowatch.server.ops.trace;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where traces go: an OTLP/HTTP receiver (a collector, Jaeger, Tempo). Given as the receiver's base
 * ({@code http://collector:4318}), the traces path {@code /v1/traces} is added as OTLP's own
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} does; given with a path, it is used as it is.
 */
public record OtlpEndpoint(URI uri) {
  public static final String TRACES_PATH = "/v1/traces";

  public OtlpEndpoint {
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
      // Credentials in the URL would end up in error messages and logs; so the URL is not repeated here.
      throw new IllegalArgumentException("the OTLP endpoint must not carry credentials or a query");
    }
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("the OTLP endpoint must be an http:// or https:// URL, not '" + uri + "'");
    }
    if (uri.getHost() == null) throw new IllegalArgumentException("the OTLP endpoint has no host: '" + uri + "'");
  }

  /** Parses an operator's value, with a clear message for anything that is not a usable URL. */
  public static OtlpEndpoint parse(String value) {
    try {
      return new OtlpEndpoint(new URI(value.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the OTLP endpoint is not a URL: " + e.getMessage(), e);
    }
  }

  /** The URL spans are posted to. */
  public String tracesUrl() {
    String path = uri.getPath();
    String base = uri.toString();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TRACES_PATH;
    }
    return base;
  }
}
