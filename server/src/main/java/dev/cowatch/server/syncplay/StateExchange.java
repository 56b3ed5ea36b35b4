package dev.cowatch.server.syncplay;

import java.util.Optional;

/**
 * The server's side of Syncplay's State exchange on one connection, as Syncplay 1.6.9's server keeps
 * it (syncplay/protocols.py SyncServerProtocol.sendState/handleState), without a socket. Times are
 * seconds on the caller's clock; not thread-safe (one connection's loop owns it).
 *
 * <p>The two "ignoring on the fly" counts keep a stale report from undoing a change. After a forced
 * State (the room changed) the server ignores the client's playstate until an answer echoes the
 * server's count; after a change of its own the client ignores the room until the server echoes the
 * client's count, which the next State does once.
 */
final class StateExchange {
  private final SyncplayPing ping = new SyncplayPing();
  private int serverIgnoringOnTheFly;
  private int clientIgnoringOnTheFly;
  /** The client's timestamp to echo in the next State, and when it arrived (0: none). */
  private double clientLatencyCalculation;
  private double clientLatencyArrival;

  /** A State to send; the null counts and {@code clientLatencyCalculation} are left out of the line. */
  record Outgoing(double position, boolean paused, boolean doSeek, String setBy, double latencyCalculation,
      double serverRtt, Double clientLatencyCalculation, Integer ignoringServer, Integer ignoringClient) {}

  /** What a client's State carried; any part may be missing (null). */
  record Incoming(Double position, Boolean paused, Boolean doSeek, boolean hasPlaystate, Double latencyCalculation,
      Double clientLatencyCalculation, Double clientRtt, Integer ignoringServer, Integer ignoringClient) {}

  /**
   * The State to send at {@code now}, or empty when the client still owes an answer to a forced one
   * (Syncplay's server says nothing then, except a forced State). {@code forced}: the room changed and
   * the client must take the new state whatever it reports meanwhile.
   */
  Optional<Outgoing> send(SyncplayTimelines.PlayState state, String setBy, boolean doSeek, boolean forced,
      double now) {
    Double echo = null;
    if (clientLatencyCalculation != 0) {
      // The client measures its round trip from this echo: the time the State waited here is added.
      echo = clientLatencyCalculation + (now - clientLatencyArrival);
      clientLatencyCalculation = 0;
    }
    if (forced) serverIgnoringOnTheFly++;
    Integer server = serverIgnoringOnTheFly != 0 ? serverIgnoringOnTheFly : null;
    Integer client = null;
    if (clientIgnoringOnTheFly != 0) {
      client = clientIgnoringOnTheFly;
      clientIgnoringOnTheFly = 0;
    }
    if (serverIgnoringOnTheFly != 0 && !forced) return Optional.empty();
    return Optional.of(new Outgoing(state.positionSeconds(), state.paused(), doSeek, setBy, now, ping.rtt(), echo,
        server, client));
  }

  /**
   * A State from the client arrived at {@code now}: the latency is measured, and the reported playstate
   * returned when it counts (the client has seen every forced State), with its age on arrival.
   */
  Optional<SyncplayTimelines.Reported> receive(Incoming in, double now) {
    if (in.ignoringServer() != null && in.ignoringServer() == serverIgnoringOnTheFly) serverIgnoringOnTheFly = 0;
    if (in.ignoringClient() != null) clientIgnoringOnTheFly = in.ignoringClient();
    if (in.clientLatencyCalculation() != null || in.latencyCalculation() != null) {
      clientLatencyCalculation = in.clientLatencyCalculation() == null ? 0 : in.clientLatencyCalculation();
      clientLatencyArrival = now;
      ping.receive(in.latencyCalculation() == null ? 0 : in.latencyCalculation(),
          in.clientRtt() == null ? 0 : in.clientRtt(), now);
    }
    if (serverIgnoringOnTheFly != 0 || !in.hasPlaystate()) return Optional.empty();
    return Optional.of(new SyncplayTimelines.Reported(in.position() == null ? 0 : in.position(), in.paused(),
        Boolean.TRUE.equals(in.doSeek()), ping.forwardDelay()));
  }

  /** The last round trip to the client, seconds. */
  double rttSeconds() {
    return ping.rtt();
  }

  /** Whether the client still has to acknowledge a forced State. */
  boolean awaitingAcknowledgement() {
    return serverIgnoringOnTheFly != 0;
  }
}
