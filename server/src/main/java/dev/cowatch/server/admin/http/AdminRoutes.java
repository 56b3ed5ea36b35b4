package dev.cowatch.server.admin.http;

import static dev.cowatch.server.platform.http.Params.json;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.admin.AdminService;
import dev.cowatch.server.admin.AuditPages;
import dev.cowatch.server.admin.SiteNotices;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.platform.http.Params;
import dev.cowatch.server.room.http.RoomRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The site administrators' API under {@code /api/admin} (403 for everyone else) and the public {@code /api/notices}. */
public final class AdminRoutes {
  private final AdminService admin;
  private final AuditPages auditPages;
  private final Authentication auth;

  public AdminRoutes(AdminService admin, AuditPages auditPages, Authentication auth) {
    this.admin = admin;
    this.auditPages = auditPages;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/notices", this::notices);
    r.get("/api/admin", this::status);
    r.get("/api/admin/rooms", ctx -> json(ctx, Map.of("rooms", admin.liveRooms(auth.require(ctx)))));
    r.post("/api/admin/rooms/{roomId}/close", this::closeRoom);
    r.get("/api/admin/bans", ctx -> json(ctx, Map.of("bans", admin.bans(auth.require(ctx)))));
    r.post("/api/admin/bans", this::ban);
    r.delete("/api/admin/bans/{user}", this::unban);
    r.post("/api/admin/notices", this::postNotice);
    r.delete("/api/admin/notices/{noticeId}", this::withdrawNotice);
    r.get("/api/admin/audit", this::audit);
  }

  void notices(Context ctx) {
    json(ctx, Map.of("notices", admin.currentNotices().stream().map(AdminRoutes::notice).toList()));
  }

  /**
   * Whether the caller administers the site, asked by the web app on every page to show its Admin link: a question,
   * so anyone signed in gets an answer (a 403 here was a console error on every page of every other user).
   */
  void status(Context ctx) {
    Identity who = auth.require(ctx);
    json(ctx, Map.of("admin", admin.isAdmin(who), "userId", who.userId().value(), "name", who.displayName()));
  }

  void closeRoom(Context ctx) {
    Body body = Body.of(ctx, Set.of("reason"));
    admin.closeRoom(auth.require(ctx), RoomRoutes.roomId(ctx), body.text("reason").orElse(null), ctx.ip());
    ctx.status(204);
  }

  void ban(Context ctx) {
    Body body = Body.of(ctx, Set.of("user", "reason"));
    var ban = admin.ban(auth.require(ctx), body.requiredText("user"), body.text("reason").orElse(null), ctx.ip());
    ctx.status(201);
    json(ctx, Map.of("userId", ban.userId().value(), "reason", ban.reason(), "bannedAt", ban.bannedAt()));
  }

  void unban(Context ctx) {
    admin.unban(auth.require(ctx), ctx.pathParam("user"), ctx.ip());
    ctx.status(204);
  }

  void postNotice(Context ctx) {
    Body body = Body.of(ctx, Set.of("text", "minutes"));
    long minutes = body.integer("minutes").orElse(60L);
    SiteNotices.Notice n = admin.postNotice(auth.require(ctx), body.text("text").orElse(null),
        Duration.ofMinutes(Math.clamp(minutes, 0, Duration.ofDays(365).toMinutes())), ctx.ip());
    ctx.status(201);
    json(ctx, notice(n));
  }

  void withdrawNotice(Context ctx) {
    admin.withdrawNotice(auth.require(ctx), ctx.pathParam("noticeId"), ctx.ip());
    ctx.status(204);
  }

  void audit(Context ctx) {
    admin.requireAdmin(auth.require(ctx));
    Long limit = Params.longParam(ctx.queryParam("limit"), "limit");
    json(ctx, auditPages.page(Params.longParam(ctx.queryParam("before"), "before"),
        limit == null ? null : Math.clamp(limit, 1, AuditPages.MAX_PAGE)));
  }

  private static Map<String, Object> notice(SiteNotices.Notice n) {
    return Map.of("id", n.id(), "text", n.text(), "createdAt", n.createdAt(), "expiresAtMs", n.expiresAt());
  }

}
