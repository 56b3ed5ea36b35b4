package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.server.room.live.MemberHealthStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Whose sync health a change dropped, for a store that keeps health apart from the room (see
 * {@link MemberHealthStore}): the room's own copy says nothing there, so a member who left or came back
 * without figures must lose its entry, or the store would keep showing the old ones.
 */
final class HealthReset {
  private HealthReset() {}

  /** Members of {@code before} who are gone from {@code after} or whose figures {@code after} no longer knows. */
  static List<MemberId> of(Room before, Room after) {
    if (before.members() == after.members()) return List.of();
    List<MemberId> reset = new ArrayList<>();
    for (Member was : before.members()) {
      if (!hasFigures(was)) continue;
      var now = after.member(was.id());
      if (now.isEmpty() || !hasFigures(now.get())) reset.add(was.id());
    }
    return reset;
  }

  /** Whether the member has reported anything on this connection (a report always carries its drift). */
  private static boolean hasFigures(Member m) {
    return m.driftMs() != null || m.corrections().nudges() > 0 || m.corrections().seeks() > 0;
  }
}
