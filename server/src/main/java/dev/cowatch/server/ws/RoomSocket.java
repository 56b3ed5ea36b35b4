package dev.cowatch.server.ws;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.Limits;
import dev.cowatch.server.chat.ChatService;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.SubtitleTracks;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;

/** The WebSocket endpoint {@code /ws/rooms/{roomId}}: hands each connection to a {@link ClientConnection}. */
public final class RoomSocket {
  public static final String PATH = "/ws/rooms/{roomId}";
  private static final String CONNECTION = "cowatch.connection";
  /** How often the heartbeat sweep runs; a dead connection is found within dead-time + this. */
  private static final long SWEEP_PERIOD_MS = 500;

  private final RoomService rooms;
  private final ChatService chat;
  private final SubtitleTracks subtitles;
  private final Identities identities;
  private final JsonCodec codec;
  private final Clock clock;
  private final Limits limits;
  private final ConnectionRegistry registry;

  public RoomSocket(RoomService rooms, ChatService chat, SubtitleTracks subtitles, Identities identities,
      JsonCodec codec, Clock clock, Limits limits) {
    this.rooms = rooms;
    this.chat = chat;
    this.subtitles = subtitles;
    this.identities = identities;
    this.codec = codec;
    this.clock = clock;
    this.limits = limits;
    this.registry = new ConnectionRegistry(clock, rooms.tolerances().deadConnectionMs(), limits.helloTimeoutMs());
  }

  public void startSweeping(ScheduledExecutorService timers) {
    timers.scheduleAtFixedRate(registry::sweep, SWEEP_PERIOD_MS, SWEEP_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  public int connectionCount() {
    return registry.size();
  }

  public void configure(WsConfig ws) {
    ws.onConnect(ctx -> {
      String id = ctx.pathParam("roomId");
      if (!RoomId.isValid(id) || rooms.find(new RoomId(id)).isEmpty()) {
        refuse(ctx, WireError.ROOM_NOT_FOUND, "no room '" + id + "'");
        return;
      }
      ClientConnection c = new ClientConnection(ctx.session, new RoomId(id), rooms, chat, subtitles, identities, registry,
          codec, clock, limits);
      ctx.attribute(CONNECTION, c);
      registry.opened(c);
    });
    ws.onMessage(ctx -> {
      long receivedAt = clock.millis();
      ClientConnection c = ctx.attribute(CONNECTION);
      if (c != null) c.received(ctx.message(), receivedAt);
    });
    ws.onBinaryMessage(ctx -> {
      ClientConnection c = ctx.attribute(CONNECTION);
      if (c != null) c.binaryReceived();
    });
    ws.onClose(ctx -> {
      ClientConnection c = ctx.attribute(CONNECTION);
      if (c != null) c.transportClosed();
    });
    ws.onError(ctx -> {
      ClientConnection c = ctx.attribute(CONNECTION);
      if (c != null) c.transportClosed();
    });
  }

  private void refuse(WsContext ctx, WireError error, String message) {
    String json = codec.encode(new ServerMessage.Error(error.code(), message, null, null));
    ctx.session.sendText(json, Callback.from(
        () -> ctx.session.close(CloseCodes.ROOM_NOT_FOUND, "room not found", Callback.NOOP),
        failure -> ctx.session.disconnect()));
  }
}
