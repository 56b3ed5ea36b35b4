package dev.cowatch.server.room.http;

import static dev.cowatch.server.platform.http.Params.json;
import static dev.cowatch.server.room.http.RoomRoutes.roomId;

import dev.cowatch.protocol.Wire;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.room.RoomInvites.Issued;
import dev.cowatch.server.room.RoomManagement;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Invite links: create, list, revoke, and what a link shows before anyone signs in. */
public final class InviteRoutes {
  private final RoomManagement rooms;
  private final Authentication auth;
  /** The address people use to reach the web app, as seen from this request. */
  private final Supplier<String> publicUrl;

  public InviteRoutes(RoomManagement rooms, Authentication auth, Supplier<String> publicUrl) {
    this.rooms = rooms;
    this.auth = auth;
    this.publicUrl = publicUrl;
  }

  public void register(RoutesConfig r) {
    r.post("/api/rooms/{roomId}/invites", this::create);
    r.get("/api/rooms/{roomId}/invites", this::list);
    r.delete("/api/rooms/{roomId}/invites/{inviteId}", this::revoke);
    r.get("/api/invites/{token}", this::preview);
  }

  void create(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("expiresInSeconds", "maxUses"));
    Issued issued = rooms.invites().create(who, roomId(ctx), body.integer("expiresInSeconds").orElse(null),
        body.smallInteger("maxUses").orElse(null), ctx.ip());
    ctx.status(201);
    json(ctx, view(ctx, issued));
  }

  void list(Context ctx) {
    json(ctx, Map.of("invites", rooms.invites().of(auth.require(ctx), roomId(ctx)).stream().map(i -> view(ctx, i)).toList()));
  }

  void revoke(Context ctx) {
    rooms.invites().revoke(auth.require(ctx), roomId(ctx), ctx.pathParam("inviteId"), ctx.ip());
    ctx.status(204);
  }

  void preview(Context ctx) {
    var p = rooms.invites().preview(ctx.pathParam("token"));
    var s = p.room().settings();
    Map<String, Object> room = new LinkedHashMap<>();
    room.put("id", p.room().id().value());
    room.put("name", s.name());
    room.put("visibility", Wire.name(s.visibility()));
    room.put("guestsAllowed", s.guestsAllowed());
    json(ctx, Map.of("room", room, "expiresAt", p.invite().expiresAt(),
        "usesLeft", p.invite().maxUses() - p.invite().uses()));
  }

  private Map<String, Object> view(Context ctx, Issued i) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", i.invite().id());
    v.put("token", i.token());
    v.put("url", publicUrl.get() + "/i/" + i.token());
    v.put("createdBy", i.invite().createdBy());
    v.put("createdAt", i.invite().createdAt());
    v.put("expiresAt", i.invite().expiresAt());
    v.put("maxUses", i.invite().maxUses());
    v.put("uses", i.invite().uses());
    v.put("revoked", i.invite().revokedAt() != 0);
    return v;
  }
}
