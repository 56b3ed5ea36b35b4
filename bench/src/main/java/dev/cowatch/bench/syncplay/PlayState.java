package dev.cowatch.bench.syncplay;

import java.util.Map;

/**
 * A State message's {@code playstate}: where the room is, whether it is paused, whether this state
 * is a jump, and who set it ({@code setBy} is null in a fresh room). {@code doSeek} is null when the
 * server relays a change whose sender did not say.
 */
record PlayState(double position, boolean paused, Boolean doSeek, String setBy) {
  static PlayState from(Map<String, Object> playstate) {
    Object position = playstate.get("position");
    return new PlayState(position instanceof Double d ? d : 0, Boolean.TRUE.equals(playstate.get("paused")),
        playstate.get("doSeek") instanceof Boolean b ? b : null,
        playstate.get("setBy") instanceof String s ? s : null);
  }

  boolean seek() {
    return Boolean.TRUE.equals(doSeek);
  }
}
