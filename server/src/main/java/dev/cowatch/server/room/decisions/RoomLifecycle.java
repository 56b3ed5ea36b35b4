package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.room.broadcast.RoomBroadcasts;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.RoomLocking;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import dev.cowatch.server.room.upkeep.IdleRooms;
import dev.cowatch.server.room.upkeep.TimelineCheckpoints;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's birth and end: made in the live store and the repository together (a failed insert leaves no live room),
 * removed from both under its lock with every connection told why. Decisions in between are the
 * {@link DecisionPipeline}'s.
 */
public final class RoomLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RoomLifecycle.class);

  private final RoomStore store;
  private final RoomLocking locks;
  private final RoomRepository repository;
  private final TimelineCheckpoints checkpoints;
  private final IdleRooms idle;
  private final RoomBroadcasts broadcasts;
  private final Ids ids;
  private final Clock clock;
  private final int maxRooms;

  public RoomLifecycle(LiveRooms live, RoomRepository repository, TimelineCheckpoints checkpoints, IdleRooms idle,
      RoomBroadcasts broadcasts, Ids ids, Clock clock, int maxRooms) {
    this.store = live.store();
    this.locks = live.locks();
    this.repository = repository;
    this.checkpoints = checkpoints;
    this.idle = idle;
    this.broadcasts = broadcasts;
    this.ids = ids;
    this.clock = clock;
    this.maxRooms = maxRooms;
  }

  /** A new room owned by {@code owner} under a fresh id; empty when this node holds as many live rooms as it may. */
  public Optional<Room> create(RoomSettings settings, Identity owner, String mediaId, String passwordHash) {
    if (store.count() >= maxRooms) return Optional.empty();
    Roster roster = Roster.ownedBy(owner.userId(), owner.displayName(), owner.isGuest(), clock.millis());
    while (true) {
      Room room = Room.create(new RoomId(ids.roomId()), settings, roster, mediaId, clock.millis());
      if (repository.load(room.id()).isPresent() || !store.create(room)) continue;
      try {
        repository.insert(room, passwordHash, clock.millis());
      } catch (RuntimeException e) {
        store.remove(room.id(), room.revision());
        throw e;
      }
      log.info("room created room={} owner={} name={}", room.id(), owner.userId(), settings.name());
      return Optional.of(room);
    }
  }

  /** Removes the room for good, its members told {@code byeReason}; false if it did not exist. */
  public boolean remove(RoomId roomId, String byeReason) {
    return locks.call(roomId, () -> {
      Optional<Room> room = store.get(roomId);
      boolean existed = repository.delete(roomId);
      room.ifPresent(r -> store.remove(roomId, r.revision()));
      checkpoints.forget(roomId);
      idle.forget(roomId);
      broadcasts.endAll(roomId, byeReason, CloseCodes.ROOM_NOT_FOUND);
      log.info("room {} room={}", byeReason, roomId);
      return existed;
    });
  }
}
