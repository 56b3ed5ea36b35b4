package dev.cowatch.server.social.http;

import static dev.cowatch.server.platform.http.Params.json;
import static dev.cowatch.server.platform.http.Params.userId;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.platform.http.Params;
import dev.cowatch.server.social.FriendInvitations;
import dev.cowatch.server.social.FriendRepository;
import dev.cowatch.server.social.FriendService;
import dev.cowatch.server.social.Notification;
import dev.cowatch.server.social.Notifications;
import dev.cowatch.server.social.Person;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Friends, requests, blocks, invitations and notifications (docs/api.md, "Friends"). */
public final class FriendRoutes {
  private final FriendService friends;
  private final FriendInvitations invitations;
  private final Notifications notifications;
  private final Authentication auth;
  private final Supplier<String> publicUrl;

  public FriendRoutes(FriendService friends, FriendInvitations invitations, Notifications notifications,
      Authentication auth, Supplier<String> publicUrl) {
    this.friends = friends;
    this.invitations = invitations;
    this.notifications = notifications;
    this.auth = auth;
    this.publicUrl = publicUrl;
  }

  public void register(RoutesConfig r) {
    r.get("/api/friends", this::overview);
    r.post("/api/friends/requests", this::request);
    r.post("/api/friends/requests/{userId}/accept", ctx -> {
      friends.accept(auth.require(ctx), userId(ctx.pathParam("userId")));
      ctx.status(204);
    });
    r.post("/api/friends/requests/{userId}/decline", ctx -> {
      friends.decline(auth.require(ctx), userId(ctx.pathParam("userId")));
      ctx.status(204);
    });
    r.delete("/api/friends/requests/{userId}", ctx -> {
      friends.cancel(auth.require(ctx), userId(ctx.pathParam("userId")));
      ctx.status(204);
    });
    r.delete("/api/friends/{userId}", ctx -> {
      friends.remove(auth.require(ctx), userId(ctx.pathParam("userId")));
      ctx.status(204);
    });
    r.post("/api/friends/{userId}/invite", this::invite);
    r.put("/api/blocks/{userId}", ctx -> {
      friends.block(auth.require(ctx), userId(ctx.pathParam("userId")));
      ctx.status(204);
    });
    r.delete("/api/blocks/{userId}", ctx -> {
      friends.unblock(auth.require(ctx), userId(ctx.pathParam("userId")));
      ctx.status(204);
    });
    r.get("/api/me/notifications", this::notifications);
    r.post("/api/me/notifications/read", this::markRead);
  }

  void overview(Context ctx) {
    FriendService.Overview o = friends.overview(auth.require(ctx));
    json(ctx, Map.of(
        "friends", o.friends().stream().map(FriendRoutes::friend).toList(),
        "incoming", o.incoming().stream().map(FriendRoutes::request).toList(),
        "outgoing", o.outgoing().stream().map(FriendRoutes::request).toList(),
        "blocked", o.blocked().stream().map(FriendRoutes::person).toList()));
  }

  void request(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("userId", "email"));
    if (body.has("userId") == body.has("email")) throw Body.invalid("userId", "give either userId or email");
    FriendService.RequestOutcome outcome = body.has("userId")
        ? friends.request(who, userId(body.requiredText("userId")))
        : friends.requestByEmail(who, body.requiredText("email"));
    ctx.status(outcome == FriendService.RequestOutcome.FRIENDS ? 200 : 201);
    json(ctx, Map.of("status", outcome == FriendService.RequestOutcome.FRIENDS ? "friends" : "pending"));
  }

  void invite(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("roomId"));
    String room = body.requiredText("roomId");
    if (!RoomId.isValid(room)) throw Body.invalid("roomId", "not a room id: '" + room + "'");
    String link = invitations.inviteToRoom(who, userId(ctx.pathParam("userId")), new RoomId(room), publicUrl.get(),
        ctx.ip());
    ctx.status(201);
    json(ctx, Map.of("link", link));
  }

  void notifications(Context ctx) {
    Identity who = auth.require(ctx);
    friends.checkIn(who);
    Long beforeId = Params.longParam(ctx.queryParam("before"), "before");
    Notifications.Page page = notifications.page(who.userId(), beforeId);
    ctx.header("Cache-Control", "no-store");
    json(ctx, Map.of("notifications", page.items().stream().map(FriendRoutes::notification).toList(),
        "unread", page.unread()));
  }

  void markRead(Context ctx) {
    Identity who = auth.require(ctx);
    long upTo = Body.of(ctx, Set.of("upTo")).integer("upTo").orElseThrow(() -> Body.invalid("upTo", "upTo is required"));
    json(ctx, Map.of("marked", notifications.markRead(who.userId(), upTo)));
  }

  private static Map<String, Object> person(Person p) {
    return Map.of("userId", p.userId().value(), "displayName", p.displayName());
  }

  private static Map<String, Object> request(FriendRepository.Request r) {
    Map<String, Object> v = new LinkedHashMap<>(person(r.person()));
    v.put("at", r.atMs());
    return v;
  }

  private static Map<String, Object> friend(FriendService.FriendView f) {
    Map<String, Object> v = new LinkedHashMap<>(person(f.person()));
    v.put("since", f.sinceMs());
    v.put("online", f.online());
    List<Map<String, Object>> rooms = f.watching().stream().map(FriendRoutes::room).toList();
    v.put("watching", rooms);
    return v;
  }

  private static Map<String, Object> room(Room r) {
    return Map.of("roomId", r.id().value(), "name", r.settings().name());
  }

  private static Map<String, Object> notification(Notification n) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", n.id());
    v.put("kind", n.kind().wire());
    v.put("actor", n.actorId() == null ? null : Map.of("userId", n.actorId().value(), "displayName", n.actorName()));
    v.put("data", n.data());
    v.put("createdAt", n.createdAtMs());
    v.put("read", n.readAtMs() != null);
    return v;
  }
}
