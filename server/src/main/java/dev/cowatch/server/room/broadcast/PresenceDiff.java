package dev.cowatch.server.room.broadcast;

import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed in a room's member list since the list its members were last sent: the listed
 * entries to add or replace, the members gone, and, in a room that does not list everyone
 * ({@link MemberListing}), the members no longer listed and the entries that only their own member
 * is told about. Pure.
 *
 * <p>Health (drift and round-trip time) moves a little with every report, every few seconds per
 * member. Sent each time, it would put the whole room in every change, and a room of a hundred
 * would send every member a list of a hundred again and again. A member counts as changed by its
 * health only when it moved enough for a reader to care: {@link #DRIFT_STEP_MS} of drift, or a round
 * trip {@link #RTT_STEP_MS} and a fifth longer or shorter than what was sent.
 */
final class PresenceDiff {
  static final double DRIFT_STEP_MS = 10;
  static final double RTT_STEP_MS = 10;
  static final double RTT_STEP_SHARE = 0.2;

  /**
   * @param members listed entries that are new to the list or changed, in the room's order
   * @param left ids of members no longer in the room
   * @param unlisted ids of members still in the room but no longer listed
   * @param personal entries of unlisted members that changed: each goes to its own member only
   * @param sent every member's entry as its readers have it after this change (listed ones: everyone;
   *     the others: the member itself): what the next diff starts from
   */
  record Changes(List<MemberView> members, List<String> left, List<String> unlisted,
      Map<String, MemberView> personal, Map<String, MemberView> sent) {
    /** Nothing for the room as a whole (there may still be personal entries). */
    boolean isEmpty() {
      return members.isEmpty() && left.isEmpty() && unlisted.isEmpty();
    }

    int size() {
      return members.size() + left.size() + unlisted.size();
    }
  }

  private PresenceDiff() {}

  /**
   * @param sent what the members were told last (see {@link Changes#sent})
   * @param listedBefore the ids listed in what was sent last
   * @param joinedSince members who joined after it was sent: a member who joined then has them in
   *     the list it was given on joining, so those who have gone again are named as left too
   * @param now every member of the room, in its order
   * @param listedNow the ids of {@code now} to list
   */
  static Changes between(Map<String, MemberView> sent, Set<String> listedBefore, Set<String> joinedSince,
      List<MemberView> now, Set<String> listedNow) {
    List<MemberView> changed = new ArrayList<>();
    List<String> unlisted = new ArrayList<>();
    Map<String, MemberView> personal = new LinkedHashMap<>();
    Map<String, MemberView> next = new LinkedHashMap<>();
    for (MemberView v : now) {
      MemberView before = sent.get(v.id());
      boolean differs = before == null || differs(before, v);
      // Unchanged to a reader: the readers keep (and the next diff compares with) what they were sent.
      next.put(v.id(), differs ? v : before);
      if (listedNow.contains(v.id())) {
        if (differs || !listedBefore.contains(v.id())) {
          changed.add(v);
          next.put(v.id(), v);
        }
      } else {
        if (listedBefore.contains(v.id())) unlisted.add(v.id());
        if (differs) personal.put(v.id(), v);
      }
    }
    // Only those someone may have in a list: an unlisted member that leaves was never in another's.
    List<String> left = new ArrayList<>();
    for (String id : listedBefore) {
      if (!next.containsKey(id)) left.add(id);
    }
    for (String id : joinedSince) {
      if (!next.containsKey(id) && !listedBefore.contains(id)) left.add(id);
    }
    return new Changes(changed, left, unlisted, personal, next);
  }

  static boolean differs(MemberView a, MemberView b) {
    return !Objects.equals(a.name(), b.name()) || !Objects.equals(a.role(), b.role())
        || !Objects.equals(a.connection(), b.connection()) || !Objects.equals(a.readiness(), b.readiness())
        || !Objects.equals(a.userId(), b.userId()) || !Objects.equals(a.client(), b.client())
        || !Objects.equals(a.soundDelayMs(), b.soundDelayMs())
        || driftMoved(a.driftMs(), b.driftMs()) || rttMoved(a.rttMs(), b.rttMs());
  }

  private static boolean driftMoved(Double was, Double now) {
    if (was == null || now == null) return was != now;
    return Math.abs(now - was) >= DRIFT_STEP_MS;
  }

  private static boolean rttMoved(Double was, Double now) {
    if (was == null || now == null) return was != now;
    double step = Math.max(RTT_STEP_MS, Math.abs(was) * RTT_STEP_SHARE);
    return Math.abs(now - was) >= step;
  }
}
