package dev.cowatch.server.admin;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.Room;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the admin page shows of the live rooms: each room's name, owner, what plays and where, how many
 * changes its timeline has had, and its members with their state. Pure: the time and the media titles
 * come in.
 */
final class LiveRoomReport {
  /** The page lists the busiest rooms first; a site with more live rooms than this shows these. */
  static final int MAX_ROOMS = 200;
  /** Members listed per room; the count says how many there are. */
  static final int MAX_MEMBERS = 100;

  private LiveRoomReport() {}

  static List<Map<String, Object>> of(java.util.Collection<Room> rooms, long now, Function<String, String> mediaTitle) {
    return rooms.stream()
        .sorted(Comparator.comparingLong(Room::connectedCount).reversed()
            .thenComparing(r -> r.id().value()))
        .limit(MAX_ROOMS)
        .map(r -> room(r, now, mediaTitle))
        .toList();
  }

  private static Map<String, Object> room(Room r, long now, Function<String, String> mediaTitle) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().value());
    m.put("name", r.settings().name());
    m.put("visibility", r.settings().visibility().name().toLowerCase(java.util.Locale.ROOT));
    m.put("ownerId", r.roster().owner().value());
    m.put("ownerName", r.roster().entry(r.roster().owner()).map(e -> e.displayName()).orElse(null));
    m.put("state", r.timeline().state().name().toLowerCase(java.util.Locale.ROOT));
    m.put("mediaId", r.timeline().mediaId());
    m.put("mediaTitle", r.timeline().hasMedia() ? mediaTitle.apply(r.timeline().mediaId()) : null);
    m.put("positionMs", Math.max(0, Math.round(r.timeline().positionAt(now))));
    // Every applied play, pause, seek or change of media bumps the version: the room's activity so far.
    m.put("timelineVersion", r.timeline().version());
    m.put("connected", r.connectedCount());
    m.put("memberCount", r.members().size());
    m.put("members", r.members().stream().limit(MAX_MEMBERS).map(LiveRoomReport::member).toList());
    return m;
  }

  private static Map<String, Object> member(Member mb) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userId", mb.userId().value());
    m.put("name", mb.displayName());
    m.put("role", mb.role().name().toLowerCase(java.util.Locale.ROOT));
    m.put("connected", mb.isConnected());
    m.put("readiness", mb.readiness().name().toLowerCase(java.util.Locale.ROOT));
    m.put("joinedAtMs", mb.joinedAtMs());
    if (mb.driftMs() != null) m.put("driftMs", mb.driftMs());
    if (mb.rttMs() != null) m.put("rttMs", mb.rttMs());
    if (mb.client() != null) m.put("client", mb.client());
    return m;
  }
}
