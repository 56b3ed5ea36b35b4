package dev.cowatch.server.room.http;

import static dev.cowatch.server.platform.http.Params.json;

import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.platform.http.Json;
import dev.cowatch.server.room.RoomManagement;
import dev.cowatch.server.room.RoomAccess;
import dev.cowatch.server.room.RoomSight;
import dev.cowatch.server.room.decisions.RoomRefusals;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Rooms: create, read, change settings, delete, enter (docs/api.md, "Rooms"). */
public final class RoomRoutes {
  private static final Set<String> SETTINGS_FIELDS = Set.of("name", "visibility", "password", "guestsAllowed",
      "controlMode", "bufferingPolicy", "bufferWaitTimeoutMs", "maxMembers");

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> ROOM_MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private final RoomManagement rooms;
  private final Authentication auth;
  private final long defaultWaitTimeoutMs;

  public RoomRoutes(RoomManagement rooms, Authentication auth, long defaultWaitTimeoutMs) {
    this.rooms = rooms;
    this.auth = auth;
    this.defaultWaitTimeoutMs = defaultWaitTimeoutMs;
  }

  public void register(RoutesConfig r) {
    r.post("/api/rooms", this::create);
    r.get("/api/rooms/{roomId}", this::get);
    r.patch("/api/rooms/{roomId}", this::change);
    r.delete("/api/rooms/{roomId}", this::delete);
    r.post("/api/rooms/{roomId}/access", this::enter);
  }

  void create(Context ctx) {
    Identity who = auth.require(ctx);
    Set<String> fields = new java.util.HashSet<>(SETTINGS_FIELDS);
    fields.add("mediaId");
    Body body = Body.of(ctx, fields);
    RoomSettings settings = settingsFrom(body).apply(RoomSettings.defaults("Room", defaultWaitTimeoutMs));
    String password = body.text("password").orElse(null);
    Room room;
    try {
      room = rooms.create(who, settings, password, body.text("mediaId").orElse(null), ctx.ip());
    } catch (IllegalArgumentException e) {
      throw new Refusal(422, "invalid-room-settings", "Invalid room settings", e.getMessage());
    }
    ctx.status(201).header("Location", "/api/rooms/" + room.id());
    json(ctx, view(room, Optional.of(who)));
  }

  void get(Context ctx) {
    Room room = rooms.room(roomId(ctx));
    json(ctx, view(room, auth.optional(ctx)));
  }

  void change(Context ctx) {
    Identity who = auth.require(ctx);
    RoomId id = roomId(ctx);
    Body body = Body.of(ctx, SETTINGS_FIELDS);
    UnaryOperator<RoomSettings> change = settingsFrom(body);
    Optional<Optional<String>> password = body.has("password") ? Optional.of(body.text("password")) : Optional.empty();
    Room room;
    try {
      room = rooms.changeSettings(who, id, change, password, ctx.ip());
    } catch (IllegalArgumentException e) {
      throw new Refusal(422, "invalid-room-settings", "Invalid room settings", e.getMessage());
    }
    json(ctx, view(room, Optional.of(who)));
  }

  void delete(Context ctx) {
    rooms.delete(auth.require(ctx), roomId(ctx), ctx.ip());
    ctx.status(204);
  }

  void enter(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("password", "invite"));
    var role = rooms.enter(who, roomId(ctx), body.text("password").orElse(null), body.text("invite").orElse(null),
        ctx.ip());
    json(ctx, Map.of("role", Wire.name(role)));
  }

  /** The settings a body asks for, applied over the current (or default) ones; 422 on a bad value. */
  private static UnaryOperator<RoomSettings> settingsFrom(Body body) {
    Optional<String> name = body.text("name").map(String::strip);
    Optional<Visibility> visibility = body.text("visibility").map(v -> parse(Visibility.class, v, "visibility"));
    Optional<Boolean> guests = body.bool("guestsAllowed");
    Optional<ControlMode> control = body.text("controlMode").map(v -> parse(ControlMode.class, v, "controlMode"));
    Optional<BufferingPolicy> buffering = body.text("bufferingPolicy")
        .map(v -> parse(BufferingPolicy.class, v, "bufferingPolicy"));
    Optional<Long> wait = body.integer("bufferWaitTimeoutMs");
    Optional<Integer> max = body.smallInteger("maxMembers");
    return s -> {
      try {
        RoomSettings next = s;
        if (name.isPresent()) next = next.withName(name.get());
        next = next.withAccess(visibility.orElse(next.visibility()), next.passwordProtected(),
            guests.orElse(next.guestsAllowed()));
        if (control.isPresent()) next = next.withControlMode(control.get());
        next = next.withBuffering(buffering.orElse(next.bufferingPolicy()), wait.orElse(next.bufferWaitTimeoutMs()));
        if (max.isPresent()) next = next.withMaxMembers(max.get());
        return next;
      } catch (IllegalArgumentException e) {
        throw new Refusal(422, "invalid-room-settings", "Invalid room settings", e.getMessage());
      }
    };
  }

  /**
   * The room as the caller may see it: whole to its members, to a stranger only what the one table for
   * strangers allows (RoomSight; docs/api.md, "What strangers see").
   */
  private Map<String, Object> view(Room room, Optional<Identity> who) {
    RoomAccess access = rooms.accessOf(room, who);
    RoomSight sight = RoomSight.of(room, who, access);
    Map<String, Object> accessView = new LinkedHashMap<>();
    accessView.put("role", access.role() == null ? null : Wire.name(access.role()));
    accessView.put("canEnter", access.refusal() == null);
    accessView.put("refusal", sight.refusal() == null ? null : wireCode(sight.refusal()));
    Map<String, Object> view = SnapshotFields.seen(sight.sight(), Json.MAPPER.convertValue(Wire.room(room), ROOM_MAP));
    view.put("access", accessView);
    return view;
  }

  static String wireCode(dev.cowatch.core.room.ErrorCode code) {
    return dev.cowatch.protocol.WireError.of(code).code();
  }

  public static RoomId roomId(Context ctx) {
    String id = ctx.pathParam("roomId");
    if (!RoomId.isValid(id)) throw RoomRefusals.roomNotFound(id);
    return new RoomId(id);
  }

  public static <E extends Enum<E>> E parse(Class<E> type, String wire, String field) {
    for (E c : type.getEnumConstants()) {
      if (Wire.name(c).equals(wire)) return c;
    }
    StringBuilder allowed = new StringBuilder();
    for (E c : type.getEnumConstants()) allowed.append(allowed.isEmpty() ? "" : ", ").append(Wire.name(c));
    throw new Refusal(422, "invalid-room-settings", "Invalid room settings",
        field + " must be one of: " + allowed);
  }
}
