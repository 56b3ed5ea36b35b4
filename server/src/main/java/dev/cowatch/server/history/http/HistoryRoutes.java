package dev.cowatch.server.history.http;

import static dev.cowatch.server.platform.http.Params.json;
import static dev.cowatch.server.platform.http.Params.longParam;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.history.HistoryEntry;
import dev.cowatch.server.history.WatchHistory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The caller's watch history (docs/api.md, "Watch history"). */
public final class HistoryRoutes {
  private final WatchHistory history;
  private final Authentication auth;

  public HistoryRoutes(WatchHistory history, Authentication auth) {
    this.history = history;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/me/history", this::list);
    r.delete("/api/me/history/{entryId}", this::remove);
  }

  void list(Context ctx) {
    Identity who = auth.require(ctx);
    Long before = longParam(ctx.queryParam("before"), "before");
    ctx.header("Cache-Control", "no-store");
    json(ctx, Map.of("entries", history.of(who.userId(), before).stream().map(HistoryRoutes::view).toList()));
  }

  void remove(Context ctx) {
    Identity who = auth.require(ctx);
    history.remove(who.userId(), longParam(ctx.pathParam("entryId"), "entryId"));
    ctx.status(204);
  }

  private static Map<String, Object> view(HistoryEntry e) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", e.id());
    v.put("roomId", e.roomId());
    v.put("roomName", e.roomName());
    v.put("mediaId", e.mediaId());
    v.put("startedAt", e.startedAtMs());
    v.put("endedAt", e.endedAtMs());
    v.put("durationMs", e.durationMs());
    v.put("with", e.with());
    return v;
  }
}
