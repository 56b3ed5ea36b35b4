package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rooms this node last wrote to Redis or read from it, each with the stamp its write left there, so that a node
 * deciding for a room twice in a row (its controller's node, as a rule) asks Redis only whether the stamp is still the
 * same and gets the room's JSON only when it is not. In the capacity run reading and parsing rooms was some 40 % of
 * what a node allocated while rooms played (in a room of 300, 57 KB read and parsed for every intent).
 *
 * <p>A stamp is unique to one write in the whole cluster (the node's id, new at each start, and a counter), so the same stamp means
 * the same JSON; the revision is compared as well, so a node of an older build, which writes no stamp, still makes the
 * known copy stale. Kept without the members' health (that is a hash of its own, read every time); the last room put
 * together with it is kept too, for when the health has not changed either. Bounded by members, least recently used
 * first out: a known room costs a few hundred bytes a member.
 */
final class KnownRooms {
  /** What a node keeps at most, in members (a room counts one more). */
  static final int MAX_MEMBERS = 2_048;

  /**
   * One room as Redis had it under {@code stamp}: {@code bare} without health; {@code merged} is bare with the
   * figures of {@code health} (null until first put together).
   */
  private record Known(String stamp, long revision, Room bare, Map<String, String> health, Room merged) {
    int weight() {
      return 1 + bare.members().size();
    }
  }

  private final int maxMembers;
  private final LinkedHashMap<RoomId, Known> rooms = new LinkedHashMap<>(64, 0.75f, true);
  private int weight;

  KnownRooms() {
    this(MAX_MEMBERS);
  }

  KnownRooms(int maxMembers) {
    this.maxMembers = maxMembers;
  }

  /** The stamp a room is known under, with the revision that write left: what to ask Redis whether it still holds. */
  record Stamp(String stamp, long revision) {}

  /** The stamp known for {@code id}, or null. */
  synchronized Stamp stampOf(RoomId id) {
    Known k = rooms.get(id);
    return k == null ? null : new Stamp(k.stamp, k.revision);
  }

  /** Remembers {@code room} as written or read under {@code stamp} (its members' health is not kept). */
  synchronized void put(String stamp, Room room) {
    if (stamp == null || stamp.isEmpty()) return;
    Room bare = bare(room);
    store(room.id(), new Known(stamp, room.revision(), bare, null, null));
  }

  /**
   * {@link #put} for a room just read whole with {@code health}'s figures: it is kept as put together, so the next read
   * under the same stamp and health hands it back without merging the figures again.
   */
  synchronized void putRead(String stamp, Room room, Map<String, String> health) {
    if (stamp == null || stamp.isEmpty()) return;
    store(room.id(), new Known(stamp, room.revision(), bare(room), Map.copyOf(health), room));
  }

  /**
   * The room known under {@code stamp} with {@code health}'s figures (member id to {@link RoomJson#health}), as a read
   * of its JSON would give it; null when the stamp is no longer the one known.
   */
  synchronized Room with(RoomId id, String stamp, Map<String, String> health) {
    Known k = rooms.get(id);
    if (k == null || !k.stamp.equals(stamp)) return null;
    if (k.merged != null && k.health.equals(health)) return k.merged;
    Room merged = merge(k, health);
    store(id, new Known(k.stamp, k.revision, k.bare, Map.copyOf(health), merged));
    return merged;
  }

  /**
   * {@link #with}, after writes of the playback alone: the rest known under {@code stamp} with {@code playback}
   * ({@link RoomJson#writePlayback}) and {@code revision}, kept as the room known now; null when the stamp is no longer
   * the one known. Members whose figures did not change keep their object here too.
   */
  synchronized Room moved(RoomId id, String stamp, Map<String, String> health, String playback, long revision) {
    Known k = rooms.get(id);
    if (k == null || !k.stamp.equals(stamp)) return null;
    played(id, stamp, RoomJson.withPlayback(k.bare, playback, revision));
    return with(id, stamp, health);
  }

  /**
   * Takes {@code next}'s playback and revision for the room known under {@code stamp}, keeping the rest and the members
   * put together with their health as they are (this node's own write of the playback alone, or one read); false when
   * the stamp is no longer the one known. {@link #put} instead would copy every member and merge their health again.
   */
  synchronized boolean played(RoomId id, String stamp, Room next) {
    Known k = rooms.get(id);
    if (k == null || !k.stamp.equals(stamp)) return false;
    Room merged = k.merged == null ? null : withPlaybackOf(k.merged, next);
    store(id, new Known(k.stamp, next.revision(), withPlaybackOf(k.bare, next), k.health, merged));
    return true;
  }

  /** {@code room}'s rest with {@code next}'s playback and revision. */
  private static Room withPlaybackOf(Room room, Room next) {
    return room.withPlayback(next.playback()).withRevision(next.revision());
  }

  synchronized void forget(RoomId id) {
    Known gone = rooms.remove(id);
    if (gone != null) weight -= gone.weight();
  }

  /** How many members the known rooms hold (tests, and the bound). */
  synchronized int weight() {
    return weight;
  }

  private void store(RoomId id, Known k) {
    if (k.weight() > maxMembers) {
      forget(id);
      return;
    }
    Known old = rooms.put(id, k);
    weight += k.weight() - (old == null ? 0 : old.weight());
    var eldest = rooms.entrySet().iterator();
    while (weight > maxMembers && eldest.hasNext()) {
      weight -= eldest.next().getValue().weight();
      eldest.remove();
    }
  }

  /** Members whose figures did not change keep their object from the last merge: no parsing, no copy. */
  private static Room merge(Known k, Map<String, String> health) {
    List<Member> members = new ArrayList<>(k.bare.members().size());
    for (int i = 0; i < k.bare.members().size(); i++) {
      Member m = k.bare.members().get(i);
      String figures = health.get(m.id().value());
      if (k.merged != null && Objects.equals(figures, k.health.get(m.id().value()))) {
        members.add(k.merged.members().get(i));
      } else {
        members.add(figures == null ? m : MemberJson.withHealth(m, figures));
      }
    }
    return k.bare.withMembers(members);
  }

  /** The room as its JSON in Redis reads without a health entry: no figures, no corrections. */
  private static Room bare(Room r) {
    List<Member> members = new ArrayList<>(r.members().size());
    for (Member m : r.members()) members.add(MemberJson.withoutHealth(m));
    return r.withMembers(members);
  }
}
