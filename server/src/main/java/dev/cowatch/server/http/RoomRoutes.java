package dev.cowatch.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.room.RoomService;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code POST /api/rooms} creates a room; {@code GET /api/rooms/{id}} reads its public snapshot. */
public final class RoomRoutes {
  /** Larger bodies are refused before parsing: a room's settings fit in far less. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  /** Body of a create request; every field optional. */
  record CreateRoom(String name, String controlMode, String bufferingPolicy, Long bufferWaitTimeoutMs,
      Integer maxMembers, String mediaId) {}

  private final RoomService rooms;

  public RoomRoutes(RoomService rooms) {
    this.rooms = rooms;
  }

  public void create(Context ctx) {
    String body = ctx.body();
    if (body.length() > MAX_BODY_BYTES) {
      Problem.send(ctx, 413, "body-too-large", "Request body too large", "at most " + MAX_BODY_BYTES + " bytes");
      return;
    }
    CreateRoom req;
    try {
      req = body.isBlank() ? new CreateRoom(null, null, null, null, null, null)
          : Json.MAPPER.readValue(body, CreateRoom.class);
    } catch (JsonProcessingException e) {
      Problem.send(ctx, 400, "malformed-body", "Malformed request body", e.getOriginalMessage());
      return;
    }
    RoomSettings settings;
    try {
      settings = settingsOf(req);
    } catch (IllegalArgumentException e) {
      Problem.send(ctx, 422, "invalid-room-settings", "Invalid room settings", e.getMessage());
      return;
    }
    Optional<Room> room;
    try {
      room = rooms.create(settings, req.mediaId());
    } catch (IllegalArgumentException e) {
      Problem.send(ctx, 422, "invalid-room-settings", "Invalid room settings", e.getMessage());
      return;
    }
    if (room.isEmpty()) {
      Problem.send(ctx, 503, "room-capacity", "No room for more rooms", "this server holds as many rooms as it may");
      return;
    }
    ctx.status(201).header("Location", "/api/rooms/" + room.get().id()).contentType("application/json")
        .result(Json.write(Wire.room(room.get())));
  }

  public void get(Context ctx) {
    String id = ctx.pathParam("roomId");
    Optional<Room> room = RoomId.isValid(id) ? rooms.find(new RoomId(id)) : Optional.empty();
    if (room.isEmpty()) {
      Problem.send(ctx, 404, "room-not-found", "Room not found", "no room '" + id + "'");
      return;
    }
    ctx.contentType("application/json").result(Json.write(Wire.room(room.get())));
  }

  private RoomSettings settingsOf(CreateRoom req) {
    RoomSettings defaults = RoomSettings.defaults("Room", rooms.tolerances().bufferWaitTimeoutMs());
    return new RoomSettings(
        req.name() == null ? defaults.name() : req.name().strip(),
        req.controlMode() == null ? defaults.controlMode() : parse(ControlMode.class, req.controlMode(), "controlMode"),
        req.bufferingPolicy() == null ? defaults.bufferingPolicy()
            : parse(BufferingPolicy.class, req.bufferingPolicy(), "bufferingPolicy"),
        req.bufferWaitTimeoutMs() == null ? defaults.bufferWaitTimeoutMs() : req.bufferWaitTimeoutMs(),
        req.maxMembers() == null ? defaults.maxMembers() : req.maxMembers());
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String wire, String field) {
    try {
      return Enum.valueOf(type, Wire.constant(wire));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) allowed.append(allowed.isEmpty() ? "" : ", ").append(Wire.name(c));
      throw new IllegalArgumentException(field + " must be one of: " + allowed);
    }
  }
}
