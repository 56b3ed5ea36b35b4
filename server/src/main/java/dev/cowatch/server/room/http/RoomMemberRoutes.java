package dev.cowatch.server.room.http;

import static dev.cowatch.server.platform.http.Params.json;
import static dev.cowatch.server.platform.http.Params.userId;
import static dev.cowatch.server.room.http.RoomRoutes.roomId;

import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.room.RoomManagement;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Members, roles, kicks, bans and ownership of a room. */
public final class RoomMemberRoutes {
  private final RoomManagement rooms;
  private final Authentication auth;

  public RoomMemberRoutes(RoomManagement rooms, Authentication auth) {
    this.rooms = rooms;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/rooms/{roomId}/members", this::list);
    r.put("/api/rooms/{roomId}/members/{userId}/role", this::changeRole);
    r.post("/api/rooms/{roomId}/members/{userId}/kick", this::kick);
    r.post("/api/rooms/{roomId}/bans", this::ban);
    r.delete("/api/rooms/{roomId}/bans/{userId}", this::unban);
    r.post("/api/rooms/{roomId}/owner", this::transfer);
    r.get("/api/rooms/{roomId}/sync", this::sync);
  }

  void sync(Context ctx) {
    var f = rooms.syncFigures(auth.require(ctx), roomId(ctx));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("connected", f.connected());
    v.put("reporting", f.reporting());
    v.put("inSync", f.inSync());
    v.put("deadBandMs", f.deadBandMs());
    v.put("medianDriftMs", f.medianDriftMs());
    v.put("worstDriftMs", f.worstDriftMs());
    v.put("worstRttMs", f.worstRttMs());
    v.put("nudges", f.nudges());
    v.put("seeks", f.seeks());
    if (f.reporting() > 0) {
      v.put("histogram", f.histogram());
      v.put("furthest", f.furthest());
    }
    json(ctx, v);
  }

  void list(Context ctx) {
    var members = rooms.members(auth.require(ctx), roomId(ctx));
    json(ctx, Map.of(
        "members", members.members().stream().map(m -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("userId", m.userId().value());
          v.put("displayName", m.displayName());
          v.put("role", Wire.name(m.role()));
          v.put("guest", m.guest());
          v.put("online", m.online());
          v.put("since", m.sinceMs());
          return v;
        }).toList(),
        "bans", members.banned().stream().map(UserId::value).toList()));
  }

  void changeRole(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("role"));
    String wire = body.requiredText("role");
    Role role = java.util.Arrays.stream(Role.values()).filter(r -> Wire.name(r).equals(wire)).findFirst()
        .orElseThrow(() -> Body.invalid("role", "role must be one of: moderator, member, guest"));
    rooms.changeRole(who, roomId(ctx), userId(ctx.pathParam("userId")), role, ctx.ip());
    json(ctx, Map.of("userId", ctx.pathParam("userId"), "role", Wire.name(role)));
  }

  void kick(Context ctx) {
    rooms.kick(auth.require(ctx), roomId(ctx), userId(ctx.pathParam("userId")), ctx.ip());
    ctx.status(204);
  }

  void ban(Context ctx) {
    Identity who = auth.require(ctx);
    UserId target = userId(Body.of(ctx, Set.of("userId")).requiredText("userId"));
    rooms.ban(who, roomId(ctx), target, ctx.ip());
    ctx.status(204);
  }

  void unban(Context ctx) {
    rooms.unban(auth.require(ctx), roomId(ctx), userId(ctx.pathParam("userId")), ctx.ip());
    ctx.status(204);
  }

  void transfer(Context ctx) {
    Identity who = auth.require(ctx);
    UserId target = userId(Body.of(ctx, Set.of("userId")).requiredText("userId"));
    rooms.transferOwnership(who, roomId(ctx), target, ctx.ip());
    json(ctx, Map.of("ownerId", target.value()));
  }
}
