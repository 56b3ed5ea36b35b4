package dev.cowatch.server.room;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.Wire;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a room's decisions into messages on the {@link RoomBus}, each encoded once. Presence is
 * state that changes often (health reports every second per member), so it goes out at once only
 * when asked and otherwise at most once per flush.
 */
final class RoomBroadcasts {
  private static final Logger log = LoggerFactory.getLogger(RoomBroadcasts.class);

  private final RoomBus bus;
  private final JsonCodec codec;
  private final Set<RoomId> presenceDirty = ConcurrentHashMap.newKeySet();

  RoomBroadcasts(RoomBus bus, JsonCodec codec) {
    this.bus = bus;
    this.codec = codec;
  }

  /** Broadcasts a decision's events; presence goes out now or with the next {@link #flushPresence}. */
  void publish(Decision d, boolean presenceNow) {
    RoomId roomId = d.room().id();
    boolean presence = false;
    for (RoomEvent e : d.events()) {
      switch (e) {
        case RoomEvent.TimelineChanged tc -> {
          var message = new ServerMessage.TimelineUpdate(Wire.timeline(tc.timeline()), Wire.cause(tc.cause()));
          bus.publish(roomId, new Broadcast(Broadcast.Kind.TIMELINE, codec.encode(message)));
          log.info("timeline room={} version={} state={} position={} cause={} by={}", roomId,
              tc.timeline().version(), tc.timeline().state(), tc.timeline().anchorPositionMs(),
              tc.cause().kind(), tc.cause().memberId());
        }
        case RoomEvent.MemberLeft left -> {
          endSession(roomId, left);
          presence = true;
        }
        case RoomEvent.SettingsChanged changed ->
            send(roomId, new ServerMessage.SettingsUpdate(Wire.settings(changed.settings())));
        case RoomEvent.RosterChanged changed -> {
          // Stored by the service; who is present is what members see, through presence.
        }
        case RoomEvent.SubtitleChanged changed -> {
          send(roomId, new ServerMessage.Subtitle(changed.trackId(),
              changed.memberId() == null ? null : changed.memberId().value()));
          log.info("subtitle room={} track={} by={}", roomId, changed.trackId(), changed.memberId());
        }
        case RoomEvent.QueueChanged changed -> send(roomId, new ServerMessage.Queue(Wire.queue(changed.queue()),
            changed.by() == null ? null : changed.by().value()));
        case RoomEvent.MemberJoined joined -> presence = true;
        case RoomEvent.MemberChanged changed -> presence = true;
      }
    }
    if (!presence) return;
    if (presenceNow) {
      presenceDirty.remove(roomId);
      publishPresence(d.room());
    } else {
      presenceDirty.add(roomId);
    }
  }

  /** Sends a message to every connection of the room. */
  void send(RoomId roomId, ServerMessage message) {
    bus.publish(roomId, new Broadcast(Broadcast.Kind.EVENT, codec.encode(message)));
  }

  /** Every connection of the room says {@code reason} and closes with {@code closeCode}. */
  void endAll(RoomId roomId, String reason, int closeCode) {
    presenceDirty.remove(roomId);
    bus.publish(roomId, Broadcast.ended(null, codec.encode(new ServerMessage.Bye(reason)), closeCode));
  }

  /** Sends the presence of rooms whose members changed since the last flush. */
  void flushPresence(Function<RoomId, java.util.Optional<Room>> rooms) {
    for (RoomId roomId : presenceDirty) {
      presenceDirty.remove(roomId);
      rooms.apply(roomId).ifPresent(this::publishPresence);
    }
  }

  void publishPresence(Room room) {
    var message = new ServerMessage.Presence(Wire.members(room));
    bus.publish(room.id(), new Broadcast(Broadcast.Kind.PRESENCE, codec.encode(message)));
  }

  /** A kicked or banned member's connection, wherever it is, says why and closes. */
  private void endSession(RoomId roomId, RoomEvent.MemberLeft left) {
    int code = switch (left.reason()) {
      case KICKED -> CloseCodes.KICKED;
      case BANNED -> CloseCodes.BANNED;
      case LEFT, TIMED_OUT -> 0;
    };
    if (code == 0) return;
    String bye = codec.encode(new ServerMessage.Bye(Wire.name(left.reason())));
    bus.publish(roomId, Broadcast.ended(left.memberId().value(), bye, code));
  }
}
