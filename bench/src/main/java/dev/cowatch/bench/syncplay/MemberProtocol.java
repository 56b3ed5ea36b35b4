package dev.cowatch.bench.syncplay;

/**
 * One Syncplay client's side of the State exchange, without a player or a socket: what Syncplay
 * 1.6.9's SyncClientProtocol.handleState/sendState do, with a "player" that follows the room
 * exactly. Not thread-safe: one connection's thread owns it. Times are in seconds from the caller's
 * clock (the server only echoes them back).
 *
 * <p>The server drops a client that has not answered a State for 12.5 s (PROTOCOL_TIMEOUT), so every
 * State is answered. The two "ignoring on the fly" counts keep stale answers from undoing a change:
 * after a forced State the server ignores this client until an answer echoes its count, and after a
 * change of its own the client ignores the room until the server confirms it.
 */
final class MemberProtocol {
  private int serverIgnoringOnTheFly;
  private int clientIgnoringOnTheFly;
  private double rtt;
  private boolean hasState;
  private double position;
  private boolean paused;
  /** When {@link #position} was true; the player moves on from there while playing. */
  private double positionAt;

  /**
   * The answer to a State from the server at {@code now}: the player takes the room's state unless a
   * change of this client's own is still unconfirmed, then reports where it is.
   */
  String answer(ServerState state, double now) {
    if (state.ignoringServer() != null) {
      serverIgnoringOnTheFly = state.ignoringServer();
      clientIgnoringOnTheFly = 0;
    } else if (state.ignoringClient() != null && state.ignoringClient() == clientIgnoringOnTheFly) {
      clientIgnoringOnTheFly = 0;
    }
    if (state.clientLatencyCalculation() != null) rtt = Math.max(0, now - state.clientLatencyCalculation());
    if (state.playstate() != null && clientIgnoringOnTheFly == 0) {
      position = state.playstate().position();
      paused = state.playstate().paused();
      positionAt = now;
      hasState = true;
    }
    return send(state.latencyCalculation(), false, false, now);
  }

  /** This client's own change at {@code now} (what its player did): pause, play or a jump to {@code to}. */
  String change(double to, boolean pause, boolean seek, double now) {
    position = to;
    paused = pause;
    positionAt = now;
    hasState = true;
    return send(null, seek, true, now);
  }

  /** Where this client's player is at {@code now}. */
  double position(double now) {
    return paused ? position : position + (now - positionAt);
  }

  boolean paused() {
    return paused;
  }

  /** The server's forced states this client has seen and not yet acknowledged (0 once answered). */
  int serverIgnoringOnTheFly() {
    return serverIgnoringOnTheFly;
  }

  /** This client's own changes the server has not yet confirmed. */
  int clientIgnoringOnTheFly() {
    return clientIgnoringOnTheFly;
  }

  private String send(Double latencyCalculation, boolean seek, boolean stateChange, double now) {
    boolean mayReport = clientIgnoringOnTheFly == 0 || serverIgnoringOnTheFly != 0;
    SyncplayMessages.Local play = hasState && mayReport ? new SyncplayMessages.Local(position(now), paused, seek) : null;
    if (stateChange) clientIgnoringOnTheFly++;
    String line = SyncplayMessages.state(play, latencyCalculation, now, rtt, serverIgnoringOnTheFly,
        clientIgnoringOnTheFly);
    serverIgnoringOnTheFly = 0;
    return line;
  }
}
