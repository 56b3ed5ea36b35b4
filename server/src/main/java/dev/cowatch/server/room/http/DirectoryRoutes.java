package dev.cowatch.server.room.http;

import static dev.cowatch.server.platform.http.Params.json;

import dev.cowatch.core.room.StrangerView;
import dev.cowatch.core.room.StrangerView.Field;
import dev.cowatch.core.room.StrangerView.Lock;
import dev.cowatch.core.room.StrangerView.Sight;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.room.RoomManagement;
import dev.cowatch.server.room.live.RoomRepository.RoomSummary;
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
    json(ctx, Map.of("rooms", rooms.directory(ctx.queryParam("q"), limit).stream()
        .filter(l -> StrangerView.listed(visibility(l.room())))
        .map(l -> listing(l.room(), l.online())).toList()));
  }

  void mine(Context ctx) {
    json(ctx, Map.of("rooms", rooms.roomsOf(auth.require(ctx)).stream().map(u -> {
      Map<String, Object> v = summary(u.room());
      v.put("role", dev.cowatch.protocol.Wire.name(dev.cowatch.core.room.Role.valueOf(u.role())));
      return v;
    }).toList()));
  }

  /**
   * A room as the directory shows it: the same to everyone, so as the table for strangers shows it to
   * anyone (docs/api.md, "What strangers see"); a locked room is listed by its name alone.
   */
  static Map<String, Object> listing(RoomSummary s, int online) {
    Sight sight = StrangerView.toAnyone(Lock.of(visibility(s), s.passwordProtected(), s.guestsAllowed()));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", s.id());
    v.put("name", sight.shows(Field.NAME) ? s.name() : null);
    v.put("visibility", Wire.name(visibility(s)));
    v.put("passwordProtected", s.passwordProtected());
    v.put("ownerName", sight.shows(Field.OWNER) ? s.ownerName() : null);
    v.put("mediaId", sight.shows(Field.TIMELINE) ? s.mediaId() : null);
    v.put("updatedAt", s.updatedAt());
    v.put("online", sight.shows(Field.PRESENT) ? online : null);
    return v;
  }

  private static Visibility visibility(RoomSummary s) {
    return Visibility.valueOf(s.visibility());
  }

  /** A room the caller holds a role in: whole. */
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
