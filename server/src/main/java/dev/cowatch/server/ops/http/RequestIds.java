package dev.cowatch.server.ops.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every HTTP request an id, in the log (MDC {@code request}, a field of its own in JSON logs) and
 * in the answer ({@code X-Request-Id}), so that an operator can find a user's failed request. A proxy's
 * id is kept when it sends a plausible one; otherwise ids count up from this node's start: a count
 * needs no randomness and is unique within a log.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "request";
  /** What is kept of a proxy's id: short, and nothing that could forge a log line. */
  private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final AtomicLong next = new AtomicLong();

  public void register(RoutesConfig routes) {
    routes.before(this::begin);
    routes.after(ctx -> MDC.remove(MDC_KEY));
  }

  void begin(Context ctx) {
    String id = idFor(ctx.header(HEADER));
    MDC.put(MDC_KEY, id);
    ctx.header(HEADER, id);
  }

  /** The proxy's id when it sent a plausible one ({@code given}, may be null), else this node's next. */
  public String idFor(String given) {
    return given != null && PLAUSIBLE.matcher(given).matches() ? given : "r" + Long.toString(next.incrementAndGet(), 36);
  }
}
