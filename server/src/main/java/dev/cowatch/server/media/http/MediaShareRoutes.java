package dev.cowatch.server.media.http;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.media.MediaGrant;
import dev.cowatch.server.media.MediaGrants;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.platform.http.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** An item's shares, which only its owner sees and changes (docs/api.md, "Media shares"). */
public final class MediaShareRoutes {
  private final MediaGrants grants;
  private final Authentication auth;

  public MediaShareRoutes(MediaGrants grants, Authentication auth) {
    this.grants = grants;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/media/{mediaId}/shares", this::list);
    r.post("/api/media/{mediaId}/shares", this::share);
    r.delete("/api/media/{mediaId}/shares/friends", this::withdrawFriends);
    r.delete("/api/media/{mediaId}/shares/rooms/{roomId}", this::withdrawRoom);
  }

  void list(Context ctx) {
    Identity who = auth.require(ctx);
    ctx.header("Cache-Control", "no-store");
    // Only the owner lists: a room share someone else made came through the friends share.
    Params.json(ctx, Map.of("shares", grants.of(who.userId(), ctx.pathParam("mediaId")).stream()
        .map(g -> view(g, !g.grantedBy().equals(who.userId()))).toList()));
  }

  /** {@code {"roomId": "..."}} shares with a room, {@code {"friends": true}} with the owner's friends. */
  void share(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("roomId", "friends"));
    String id = ctx.pathParam("mediaId");
    boolean friends = body.bool("friends").orElse(false);
    if (friends == body.has("roomId")) throw Body.invalid("roomId", "name either a roomId or \"friends\": true");
    MediaGrant grant = friends ? grants.shareWithFriends(who.userId(), id)
        : grants.shareWithRoom(who.userId(), id, body.requiredText("roomId"));
    ctx.status(201);
    Params.json(ctx, view(grant, false));
  }

  void withdrawFriends(Context ctx) {
    Identity who = auth.require(ctx);
    grants.withdraw(who.userId(), ctx.pathParam("mediaId"), MediaGrant.Scope.FRIENDS, "");
    ctx.status(204);
  }

  void withdrawRoom(Context ctx) {
    Identity who = auth.require(ctx);
    grants.withdraw(who.userId(), ctx.pathParam("mediaId"), MediaGrant.Scope.ROOM, ctx.pathParam("roomId"));
    ctx.status(204);
  }

  private static Map<String, Object> view(MediaGrant g, boolean viaFriends) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("scope", g.scope().wire());
    if (g.scope() == MediaGrant.Scope.ROOM) {
      v.put("roomId", g.scopeId());
      v.put("viaFriends", viaFriends);
    }
    v.put("grantedBy", g.grantedBy().value());
    v.put("grantedAt", g.grantedAt());
    return v;
  }
}
