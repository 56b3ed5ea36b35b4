package dev.cowatch.server.room;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only questions about rooms that other parts of the server ask: who is in the rooms a media item is shared with,
 * where friends are watching, how many are online. Answered from the live rooms (a weakly consistent
 * view) and the repository, never under a room's lock.
 */
public final class RoomQueries {
  /** Someone holding roles in more rooms than this is not looked through further for media shares. */
  private static final int MAX_ROOMS_SCANNED = 1_000;

  private final RoomStore store;
  private final RoomRepository repository;

  RoomQueries(RoomStore store, RoomRepository repository) {
    this.store = store;
    this.repository = repository;
  }

  /**
   * True when {@code user} holds a role, and is not banned, in one of {@code roomIds} (the rooms a media
   * item is shared with): a live room as it is now, any other as stored. Roles are read from the
   * repository, where roster changes are written before they take effect.
   */
  public boolean holdsRoleIn(UserId user, Set<String> roomIds) {
    for (RoomRepository.UserRoom r : repository.roomsOf(user, MAX_ROOMS_SCANNED)) {
      if (!roomIds.contains(r.room().id())) continue;
      Optional<Room> live = store.get(new RoomId(r.room().id()));
      if (live.isEmpty()) return true;
      Room room = live.get();
      if (room.roster().entry(user).isPresent() && !room.roster().isBanned(user)) return true;
    }
    return false;
  }

  /** Whether a room of this id exists, live or stored. */
  public boolean exists(String roomId) {
    if (!RoomId.isValid(roomId)) return false;
    RoomId id = new RoomId(roomId);
    return store.get(id).isPresent() || repository.load(id).isPresent();
  }

  /**
   * The live rooms on this node where each of {@code users} has a connected session (friends'
   * presence). One pass over the live rooms.
   */
  public Map<UserId, List<Room>> whereConnected(Set<UserId> users) {
    Map<UserId, List<Room>> found = new HashMap<>();
    if (users.isEmpty()) return found;
    for (Room room : store.all()) {
      for (Member m : room.members()) {
        if (m.isConnected() && users.contains(m.userId())) {
          List<Room> rooms = found.computeIfAbsent(m.userId(), u -> new ArrayList<>());
          if (!rooms.contains(room)) rooms.add(room);
        }
      }
    }
    return found;
  }

  /** Connected sessions of a live room (0 when it is not in memory: nobody is there). */
  public int onlineCount(RoomId id) {
    return store.get(id).map(r -> (int) r.connectedCount()).orElse(0);
  }

  /** The room as it is now, if it is live (in a cluster, as the shared store holds it). */
  public Optional<Room> live(RoomId id) {
    return store.get(id);
  }

  /** Whether the room is in memory (on this node, or in the cluster's shared store). */
  public boolean isLive(RoomId id) {
    return store.get(id).isPresent();
  }

  public int roomCount() {
    return store.count();
  }

  /** The live rooms on this node. */
  public Collection<Room> liveRooms() {
    return store.all();
  }

  /** The live rooms of share {@code index} of {@code shares} (RoomStore#share): every room, a share at a time. */
  public Collection<Room> liveRooms(int index, int shares) {
    return store.share(index, shares);
  }
}
