package dev.cowatch.server.http;

import dev.cowatch.server.account.Authenticator;
import dev.cowatch.server.account.Identity;
import io.javalin.http.Context;
import java.util.Optional;

/** Who is calling: the identity behind the request's {@code Authorization: Bearer} token. */
public final class Caller {
  private final Authenticator authenticator;

  public Caller(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** Empty without a token; a 401 when a token is given but not valid (better than silently anonymous). */
  public Optional<Identity> optional(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) return Optional.empty();
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("the Authorization header must be 'Bearer <access token>'");
    }
    return Optional.of(authenticator.authenticate(header.substring(7).strip())
        .orElseThrow(() -> unauthorized("the access token is invalid or expired")));
  }

  public Identity required(Context ctx) {
    return optional(ctx).orElseThrow(() -> unauthorized("sign in, or continue as a guest, first"));
  }

  private static ApiProblem unauthorized(String detail) {
    return new ApiProblem(401, "unauthorized", "Not signed in", detail);
  }
}
