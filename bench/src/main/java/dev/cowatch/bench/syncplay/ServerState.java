package dev.cowatch.bench.syncplay;

import java.util.Map;

/**
 * A State from the server (syncplay/protocols.py SyncServerProtocol.sendState). Absent fields are
 * null.
 *
 * @param playstate the room's state
 * @param latencyCalculation the server's timestamp, echoed by the client's answer
 * @param clientLatencyCalculation the client's own timestamp coming back (plus the server's
 *     processing time): the client's round trip
 * @param ignoringServer set on a forced state (someone changed the room): the server ignores this
 *     client's states until one echoes this count
 * @param ignoringClient the count of the client's own changes the server has applied
 */
record ServerState(PlayState playstate, Double latencyCalculation, Double clientLatencyCalculation,
    Integer ignoringServer, Integer ignoringClient) {

  /** The State from the object under the line's {@code "State"} key. */
  static ServerState from(Map<String, Object> state) {
    Map<String, Object> ping = Json.object(state.get("ping"));
    Map<String, Object> ignoring = Json.object(state.get("ignoringOnTheFly"));
    Object playstate = state.get("playstate");
    return new ServerState(playstate instanceof Map<?, ?> ? PlayState.from(Json.object(playstate)) : null,
        ping.get("latencyCalculation") instanceof Double d ? d : null,
        ping.get("clientLatencyCalculation") instanceof Double d ? d : null,
        count(ignoring.get("server")), count(ignoring.get("client")));
  }

  private static Integer count(Object value) {
    return value instanceof Double d ? Integer.valueOf(d.intValue()) : null;
  }
}
