package dev.cowatch.server.platform.http;

import dev.cowatch.core.room.UserId;
import io.javalin.http.Context;

/** Small pieces every module's routes share: a JSON answer, and path or query values read strictly. */
public final class Params {
  private Params() {}

  public static void json(Context ctx, Object value) {
    ctx.contentType("application/json").result(Json.write(value));
  }

  public static UserId userId(String value) {
    if (!UserId.isValid(value)) throw Body.invalid("userId", "not a user id: '" + value + "'");
    return new UserId(value);
  }

  /** A number in a path or query value; null when absent. */
  public static Long longParam(String value, String name) {
    if (value == null) return null;
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw Body.invalid(name, name + " must be a number");
    }
  }
}
