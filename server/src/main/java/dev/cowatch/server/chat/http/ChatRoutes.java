package dev.cowatch.server.chat.http;

import static dev.cowatch.server.platform.http.Params.userId;
import static dev.cowatch.server.room.http.RoomRoutes.roomId;

import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.chat.ChatService;
import dev.cowatch.server.platform.http.Body;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/** Chat moderation over HTTP: muting and unmuting someone in a room, slow mode (docs/api.md, "Rooms"). */
public final class ChatRoutes {
  private final ChatService chat;
  private final Authentication auth;

  public ChatRoutes(ChatService chat, Authentication auth) {
    this.chat = chat;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.put("/api/rooms/{roomId}/mutes/{userId}", this::mute);
    r.delete("/api/rooms/{roomId}/mutes/{userId}", this::unmute);
    r.put("/api/rooms/{roomId}/chat/slow-mode", this::slowMode);
  }

  /** {"seconds": N}: one line per N seconds for each writer but the room's staff; 0 turns it off. */
  void slowMode(Context ctx) {
    var who = auth.require(ctx);
    // Read here, judged after the caller's right to set it: a stranger learns nothing from a bad body.
    Integer seconds = Body.of(ctx, Set.of("seconds")).smallInteger("seconds").orElse(null);
    chat.setSlowMode(who, roomId(ctx), seconds);
    ctx.status(204);
  }

  void mute(Context ctx) {
    var who = auth.require(ctx);
    Integer minutes = Body.of(ctx, Set.of("minutes")).smallInteger("minutes").orElse(null);
    chat.mute(who, roomId(ctx), userId(ctx.pathParam("userId")), minutes);
    ctx.status(204);
  }

  void unmute(Context ctx) {
    chat.unmute(auth.require(ctx), roomId(ctx), userId(ctx.pathParam("userId")));
    ctx.status(204);
  }
}
