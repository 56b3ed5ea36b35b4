package dev.cowatch.server.account.http;

import dev.cowatch.server.account.AccountService;
import dev.cowatch.server.account.Session;
import dev.cowatch.server.account.SessionService;
import dev.cowatch.server.account.User;
import dev.cowatch.server.platform.http.Json;
import dev.cowatch.server.platform.http.RequestBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /api/auth/*}: register, sign in and out, refresh, guests, email verification, password reset. */
public final class AuthRoutes {
  record Register(String email, String password, String displayName) {}

  record Login(String email, String password) {}

  record RefreshTokenBody(String refreshToken) {}

  record Guest(String displayName) {}

  record Upgrade(String email, String password, String displayName) {}

  record TokenBody(String token) {}

  record EmailBody(String email) {}

  record ResetConfirm(String token, String password) {}

  private final SessionService sessions;
  private final AccountService accounts;
  private final Authentication auth;

  public AuthRoutes(SessionService sessions, AccountService accounts, Authentication auth) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.auth = auth;
  }

  /** Adds the identity routes ({@code /api/auth/*}, {@code /api/me}) and the mapping of their errors to problem+json. */
  public static void register(RoutesConfig routes, SessionService sessions, AccountService accounts, Authentication auth) {
    AuthRoutes a = new AuthRoutes(sessions, accounts, auth);
    routes.post("/api/auth/register", a::register);
    routes.post("/api/auth/login", a::login);
    routes.post("/api/auth/refresh", a::refresh);
    routes.post("/api/auth/logout", a::logout);
    routes.post("/api/auth/logout-all", a::logoutAll);
    routes.post("/api/auth/guest", a::guest);
    routes.post("/api/auth/link-device", a::linkDevice);
    routes.post("/api/auth/upgrade", a::upgrade);
    routes.post("/api/auth/verify-email", a::verifyEmail);
    routes.post("/api/auth/verify-email/resend", a::resendVerification);
    routes.post("/api/auth/password-reset", a::requestPasswordReset);
    routes.post("/api/auth/password-reset/confirm", a::confirmPasswordReset);
    MeRoutes me = new MeRoutes(accounts, auth);
    routes.get("/api/me", me::get);
    routes.patch("/api/me", me::rename);
    routes.post("/api/me/password", me::changePassword);
  }

  void register(Context ctx) {
    Register b = RequestBodies.read(ctx, Register.class);
    session(ctx, 201, accounts.register(b.email(), b.password(), b.displayName(), ctx.ip()));
  }

  void login(Context ctx) {
    Login b = RequestBodies.read(ctx, Login.class);
    session(ctx, 200, sessions.login(b.email(), b.password(), ctx.ip()));
  }

  void refresh(Context ctx) {
    RefreshTokenBody b = RequestBodies.read(ctx, RefreshTokenBody.class);
    session(ctx, 200, sessions.refresh(b.refreshToken(), ctx.ip()));
  }

  /** A new session of the caller's identity for another client of theirs (the browser extension). */
  void linkDevice(Context ctx) {
    session(ctx, 201, sessions.linkDevice(auth.require(ctx), ctx.ip()));
  }

  void logout(Context ctx) {
    sessions.logout(RequestBodies.read(ctx, RefreshTokenBody.class).refreshToken());
    ctx.status(204);
  }

  void logoutAll(Context ctx) {
    sessions.logoutEverywhere(auth.require(ctx), ctx.ip());
    ctx.status(204);
  }

  void guest(Context ctx) {
    session(ctx, 201, sessions.guest(RequestBodies.read(ctx, Guest.class).displayName(), ctx.ip()));
  }

  void upgrade(Context ctx) {
    var who = auth.require(ctx);
    Upgrade b = RequestBodies.read(ctx, Upgrade.class);
    session(ctx, 200, accounts.upgrade(who, b.email(), b.password(), b.displayName(), ctx.ip()));
  }

  void verifyEmail(Context ctx) {
    User user = accounts.verifyEmail(RequestBodies.read(ctx, TokenBody.class).token(), ctx.ip());
    ctx.contentType("application/json").result(Json.write(AccountJson.user(user)));
  }

  void resendVerification(Context ctx) {
    accounts.resendVerification(auth.require(ctx));
    ctx.status(202);
  }

  void requestPasswordReset(Context ctx) {
    accounts.requestPasswordReset(RequestBodies.read(ctx, EmailBody.class).email());
    ctx.status(202);
  }

  void confirmPasswordReset(Context ctx) {
    ResetConfirm b = RequestBodies.read(ctx, ResetConfirm.class);
    accounts.confirmPasswordReset(b.token(), b.password(), ctx.ip());
    ctx.status(204);
  }

  /** Tokens must not linger in shared caches (RFC 6749 section 5.1). */
  private static void session(Context ctx, int status, Session session) {
    ctx.status(status).header("Cache-Control", "no-store").contentType("application/json")
        .result(Json.write(AccountJson.session(session)));
  }
}
