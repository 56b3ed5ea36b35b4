package dev.cowatch.bridge.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the profile shows while someone watches in a room: the room's name, playing or paused, the
 * elapsed time of the video (Discord counts on from {@code start}), the party's size and the secret
 * a friend's "Ask to Join" hands to their bridge. Pure; one value per state of the room.
 *
 * @param roomName the room's name (details line)
 * @param playing the timeline plays
 * @param positionMs where the video is at {@code atEpochMs}
 * @param partyId a stable id of the room that reveals nothing (Discord groups members by it)
 * @param partySize members in the room
 * @param partyMax the room's member limit
 * @param joinSecret what a friend's bridge needs to join: the room's link
 */
public record Activity(String roomName, boolean playing, long positionMs, long atEpochMs, String partyId, int partySize,
    int partyMax, String joinSecret) {
  /** Discord's limits on strings in an activity (128 characters) and the smallest length (2). */
  static final int MAX_TEXT = 128;

  /** The {@code args} of SET_ACTIVITY for process {@code pid}. */
  public ObjectNode toArgs(ObjectMapper json, long pid) {
    ObjectNode args = json.createObjectNode();
    args.put("pid", pid);
    ObjectNode a = args.putObject("activity");
    a.put("details", fit(roomName == null || roomName.isBlank() ? "A Cowatch room" : roomName));
    a.put("state", playing ? "Watching together" : "Paused");
    if (playing) a.putObject("timestamps").put("start", (atEpochMs - positionMs) / 1000);
    ObjectNode party = a.putObject("party");
    party.put("id", partyId);
    party.putArray("size").add(Math.max(1, partySize)).add(Math.max(Math.max(1, partySize), partyMax));
    if (joinSecret != null && joinSecret.length() <= MAX_TEXT) a.putObject("secrets").put("join", joinSecret);
    a.put("instance", false);
    return args;
  }

  /** The same activity but for what Discord shows: the elapsed time only changes when a seek moved it. */
  public boolean sameShownAs(Activity o) {
    if (o == null) return false;
    long startThis = atEpochMs - positionMs;
    long startOther = o.atEpochMs - o.positionMs;
    return playing == o.playing && partySize == o.partySize && partyMax == o.partyMax && eq(roomName, o.roomName)
        && eq(joinSecret, o.joinSecret) && (!playing || Math.abs(startThis - startOther) < 2_000)
        && (playing || Math.abs(positionMs - o.positionMs) < 2_000);
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private static String fit(String s) {
    String t = s.strip();
    if (t.length() < 2) t = t + " ";
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT - 1) + "…" : t;
  }
}
