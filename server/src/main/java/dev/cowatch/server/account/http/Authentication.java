package dev.cowatch.server.account.http;

import dev.cowatch.server.account.Authenticator;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.http.Problem;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * Who a request speaks for, from its {@code Authorization: Bearer <accessToken>} header. Routes call
 * {@link #require} (ends the request with 401 problem+json {@code unauthorized} when there is no valid
 * token) or {@link #identityOf} (for routes open to anyone that answer more to a known caller).
 */
public final class Authentication {
  private static final String ATTRIBUTE = "cowatch.identity";
  private static final String PREFIX = "Bearer ";

  private final Authenticator authenticator;

  public Authentication(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** The caller's identity; empty without a header or with a forged, expired or revoked token. */
  public Optional<Identity> identityOf(Context ctx) {
    Identity cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) return Optional.of(cached);
    Optional<Identity> identity = bearerToken(ctx).flatMap(authenticator::authenticate);
    identity.ifPresent(i -> ctx.attribute(ATTRIBUTE, i));
    return identity;
  }

  /**
   * For routes open to anyone: empty without a token, but a 401 when a token is given and is not
   * valid, so that a client with an expired token refreshes instead of being served as a stranger.
   */
  public Optional<Identity> optional(Context ctx) {
    if (bearerToken(ctx).isEmpty()) return Optional.empty();
    return Optional.of(require(ctx));
  }

  /** The caller's identity, or a {@link Refusal} that answers 401 {@code unauthorized}. */
  public Identity require(Context ctx) {
    return identityOf(ctx).orElseThrow(() -> unauthorized(bearerToken(ctx).isPresent()
        ? "the access token is invalid, expired or revoked; refresh it or sign in again"
        : "sign in first and send Authorization: Bearer <accessToken>"));
  }

  /** The token after {@code Bearer }, if the header has one. */
  public static Optional<String> bearerToken(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    return Optional.of(header.substring(PREFIX.length()).strip());
  }

  /** 401 problem+json with {@code WWW-Authenticate: Bearer} (RFC 6750), for routes that answer directly. */
  public static void sendUnauthorized(Context ctx, String detail) {
    Problem.send(ctx, unauthorized(detail));
  }

  public static Refusal unauthorized(String detail) {
    return new Refusal(401, "unauthorized", "Unauthorized", detail, Map.of("WWW-Authenticate", "Bearer"));
  }
}
