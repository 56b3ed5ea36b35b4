package dev.cowatch.server.account.http;

import dev.cowatch.server.account.AccountService;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.http.Json;
import dev.cowatch.server.platform.http.RequestBodies;
import io.javalin.http.Context;

/** {@code /api/me}: the caller's own identity, name and password. */
final class MeRoutes {
  record Rename(String displayName) {}

  record ChangePassword(String currentPassword, String newPassword) {}

  private final AccountService accounts;
  private final Authentication auth;

  MeRoutes(AccountService accounts, Authentication auth) {
    this.accounts = accounts;
    this.auth = auth;
  }

  void get(Context ctx) {
    Identity who = auth.require(ctx);
    ctx.contentType("application/json").result(Json.write(AccountJson.user(accounts.current(who))));
  }

  void rename(Context ctx) {
    Identity who = auth.require(ctx);
    Rename b = RequestBodies.read(ctx, Rename.class);
    ctx.contentType("application/json").result(Json.write(AccountJson.user(accounts.rename(who, b.displayName()))));
  }

  void changePassword(Context ctx) {
    Identity who = auth.require(ctx);
    ChangePassword b = RequestBodies.read(ctx, ChangePassword.class);
    accounts.changePassword(who, b.currentPassword(), b.newPassword(), ctx.ip());
    ctx.status(204);
  }
}
