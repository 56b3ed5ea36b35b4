package dev.cowatch.server.rtc.http;

import static dev.cowatch.server.platform.http.Params.json;

import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.rtc.IceServers;
import dev.cowatch.server.rtc.RelayAccess;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/rtc/ice-servers} (docs/api.md, "Peer-to-peer"). */
public final class RtcRoutes {
  private final RelayAccess access;
  private final Authentication auth;

  public RtcRoutes(RelayAccess access, Authentication auth) {
    this.access = access;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.get("/api/rtc/ice-servers", this::iceServers);
  }

  void iceServers(Context ctx) {
    // Signed-in users and guests alike, members of the room named: TURN relays traffic, so only to those who need it.
    Identity who = auth.require(ctx);
    IceServers.Answer answer = access.forMember(who, ctx.queryParam("room"));
    ctx.header("Cache-Control", "no-store");
    List<Map<String, Object>> servers = answer.iceServers().stream().map(s -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("urls", s.urls());
      if (s.username() != null) {
        v.put("username", s.username());
        v.put("credential", s.credential());
      }
      return v;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("iceServers", servers);
    body.put("expiresAt", answer.expiresAtMs() == 0 ? null : answer.expiresAtMs());
    json(ctx, body);
  }
}
