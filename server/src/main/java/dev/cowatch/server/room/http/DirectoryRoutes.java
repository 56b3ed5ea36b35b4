package dev.cowatch.server.room.http;

import static dev.cowatch.server.platform.http.Params.json;

import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.room.RoomManagement;
import dev.cowatch.server.room.RoomRepository.RoomSummary;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The public room directory and the caller's own rooms. */
public final class DirectoryRoutes {
  private static final int DEFAULT_LIMIT = 50;

  private final RoomManagement rooms;
  private final Authentication auth;

  public DirectoryRoutes(RoomManagement rooms, Authentication auth) {
    this.rooms = rooms;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/directory", this::directory);
    r.get("/api/me/rooms", this::mine);
  }

  void directory(Context ctx) {
    int limit = DEFAULT_LIMIT;
    String given = ctx.queryParam("limit");
    if (given != null) {
      try {
        limit = Integer.parseInt(given);
      } catch (NumberFormatException e) {
        throw Body.invalid("limit", "limit must be a whole number");
      }
      if (limit < 1 || limit > RoomManagement.MAX_LIST) {
        throw Body.invalid("limit", "limit must be 1-" + RoomManagement.MAX_LIST);
      }
    }
    json(ctx, Map.of("rooms", rooms.directory(ctx.queryParam("q"), limit).stream().map(l -> {
      Map<String, Object> v = summary(l.room());
      v.put("online", l.online());
      return v;
    }).toList()));
  }

  void mine(Context ctx) {
    json(ctx, Map.of("rooms", rooms.roomsOf(auth.require(ctx)).stream().map(u -> {
      Map<String, Object> v = summary(u.room());
      v.put("role", dev.cowatch.protocol.Wire.name(dev.cowatch.core.room.Role.valueOf(u.role())));
      return v;
    }).toList()));
  }

  private static Map<String, Object> summary(RoomSummary s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", s.id());
    v.put("name", s.name());
    v.put("visibility", dev.cowatch.protocol.Wire.name(dev.cowatch.core.room.Visibility.valueOf(s.visibility())));
    v.put("passwordProtected", s.passwordProtected());
    v.put("ownerName", s.ownerName());
    v.put("mediaId", s.mediaId());
    v.put("updatedAt", s.updatedAt());
    return v;
  }
}
