package dev.cowatch.server.room.broadcast;

import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a room's members were last sent, kept small, for a node that sends every presence whole (a
 * cluster node: see {@link RoomBroadcasts}): it only needs to know whether a reader would notice a
 * change ({@link PresenceDiff#differs}), never which one. Pure and immutable.
 *
 * <p>Why not the sent entries themselves, as {@link PresenceDiff} keeps them: in a cluster the room
 * is read from Redis for every decision, so each node that decides for a room kept its own copy of
 * every member's entry (its id, user id and name as fresh strings, boxed health figures, a map entry):
 * about 300 bytes per member and node, 0.9 KiB per client over three nodes, the difference between the
 * capacity run's heap per client on one node (5.7 KiB) and on three (7.0). Here a member is 33 bytes:
 * a 64-bit hash of its id, one of what a reader sees besides health (name, role, connection,
 * readiness, user id), the health figures as sent (a change counts by its distance from them, as in
 * {@link PresenceDiff}) and whether it was listed. Two different values hash alike with a chance of
 * one in 2^64: that change would wait for the member's next one.
 */
final class PresenceDigest {
  static final PresenceDigest EMPTY = new PresenceDigest(new long[0], new long[0], new double[0], new double[0],
      new boolean[0]);

  private final long[] ids;
  private final long[] looks;
  /** NaN: no figure (a member that has not reported). */
  private final double[] drifts;
  private final double[] rtts;
  private final boolean[] listed;

  private PresenceDigest(long[] ids, long[] looks, double[] drifts, double[] rtts, boolean[] listed) {
    this.ids = ids;
    this.looks = looks;
    this.drifts = drifts;
    this.rtts = rtts;
    this.listed = listed;
  }

  /** Members digested. */
  int size() {
    return ids.length;
  }

  /**
   * @param roomChanged whether the list everyone reads changed (an entry added, changed, gone or no
   *     longer listed): the room gets the whole list again
   * @param personal entries of unlisted members that changed: each goes to its own member only
   * @param next what the members have after this presence: what the next comparison starts from
   */
  record Compared(boolean roomChanged, Map<String, MemberView> personal, PresenceDigest next) {}

  /**
   * Compares the room's members now with what this digest says they were sent, as
   * {@link PresenceDiff#between} would (its changes empty or not, and its personal entries).
   *
   * @param joinedSince members who joined after the last presence (a joiner that has gone again
   *     changes the list those who saw it join have)
   */
  Compared compare(List<MemberView> now, Set<String> listedNow, Set<String> joinedSince) {
    int n = now.size();
    long[] nextIds = new long[n];
    long[] nextLooks = new long[n];
    double[] nextDrifts = new double[n];
    double[] nextRtts = new double[n];
    boolean[] nextListed = new boolean[n];
    Map<String, MemberView> personal = new LinkedHashMap<>();
    boolean roomChanged = false;
    int stillListed = 0;
    for (int i = 0; i < n; i++) {
      MemberView v = now.get(i);
      long id = hash(v.id());
      long look = look(v);
      double drift = figure(v.driftMs());
      double rtt = figure(v.rttMs());
      int before = indexOf(id, i);
      boolean differs = before < 0 || looks[before] != look || driftMoved(drifts[before], drift)
          || rttMoved(rtts[before], rtt);
      boolean listedBefore = before >= 0 && listed[before];
      boolean isListed = listedNow.contains(v.id());
      if (listedBefore && isListed) stillListed++;
      nextIds[i] = id;
      nextLooks[i] = look;
      // Unchanged to a reader: the next comparison measures health from what was sent. A member listed
      // anew is sent whole, as it is now.
      boolean sentNow = differs || (isListed && !listedBefore);
      nextDrifts[i] = sentNow ? drift : drifts[before];
      nextRtts[i] = sentNow ? rtt : rtts[before];
      nextListed[i] = isListed;
      if (isListed) {
        if (differs || !listedBefore) roomChanged = true;
      } else {
        if (listedBefore) roomChanged = true;
        if (differs) personal.put(v.id(), v);
      }
    }
    // A member listed before and not now (gone, or unlisted: counted above) changes the list.
    int listedBeforeCount = 0;
    for (boolean b : listed) if (b) listedBeforeCount++;
    if (stillListed < listedBeforeCount) roomChanged = true;
    for (String joiner : joinedSince) {
      long id = hash(joiner);
      int before = indexOf(id, -1);
      if (!contains(nextIds, id) && !(before >= 0 && listed[before])) roomChanged = true;
    }
    return new Compared(roomChanged, personal, new PresenceDigest(nextIds, nextLooks, nextDrifts, nextRtts, nextListed));
  }

  /** Where {@code id} is in this digest, trying {@code hint} first (members keep their order); -1 if absent. */
  private int indexOf(long id, int hint) {
    if (hint >= 0 && hint < ids.length && ids[hint] == id) return hint;
    for (int i = 0; i < ids.length; i++) if (ids[i] == id) return i;
    return -1;
  }

  private static boolean contains(long[] values, long value) {
    for (long v : values) if (v == value) return true;
    return false;
  }

  private static double figure(Double value) {
    return value == null ? Double.NaN : value;
  }

  /** {@link PresenceDiff}'s rule, with NaN for a missing figure. */
  private static boolean driftMoved(double was, double now) {
    if (Double.isNaN(was) || Double.isNaN(now)) return Double.isNaN(was) != Double.isNaN(now);
    return Math.abs(now - was) >= PresenceDiff.DRIFT_STEP_MS;
  }

  private static boolean rttMoved(double was, double now) {
    if (Double.isNaN(was) || Double.isNaN(now)) return Double.isNaN(was) != Double.isNaN(now);
    double step = Math.max(PresenceDiff.RTT_STEP_MS, Math.abs(was) * PresenceDiff.RTT_STEP_SHARE);
    return Math.abs(now - was) >= step;
  }

  /** What {@link PresenceDiff#differs} compares besides health, as one hash. */
  static long look(MemberView v) {
    long h = FNV_OFFSET;
    h = mix(h, v.name());
    h = mix(h, v.role());
    h = mix(h, v.connection());
    h = mix(h, v.readiness());
    return mix(h, v.userId());
  }

  static long hash(String s) {
    return mix(FNV_OFFSET, s);
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /**
   * FNV-1a over the string's chars, then its length and a separator, so that ("ab", "c") and ("a",
   * "bc") differ and null differs from "".
   */
  private static long mix(long h, String s) {
    if (s == null) return (h ^ 0xff) * FNV_PRIME;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * FNV_PRIME;
      h = (h ^ (c >>> 8)) * FNV_PRIME;
    }
    h = (h ^ s.length()) * FNV_PRIME;
    return (h ^ 0xfe) * FNV_PRIME;
  }
}
