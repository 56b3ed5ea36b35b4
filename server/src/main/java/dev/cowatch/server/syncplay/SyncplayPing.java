package dev.cowatch.server.syncplay;

/**
 * A Syncplay connection's latency, measured as Syncplay's own server does (syncplay/protocols.py
 * PingService): each State carries the sender's timestamp, the answer echoes it, and the round trip
 * is now minus the echo. The forward delay (server to client, and client to server) is half the
 * smoothed round trip, plus how much this round trip exceeds the one the other side saw. Times are
 * seconds on the caller's clock; not thread-safe.
 */
final class SyncplayPing {
  /** Syncplay's PING_MOVING_AVERAGE_WEIGHT: the smoothed round trip keeps 85% of its past. */
  static final double MOVING_AVERAGE_WEIGHT = 0.85;

  private double rtt;
  private double averageRtt;
  private double forwardDelay;

  /**
   * An echo of our {@code timestamp} arrived at {@code now}; {@code senderRtt} is the round trip the
   * client measured on its side. A missing (0) timestamp or a negative round trip is ignored.
   */
  void receive(double timestamp, double senderRtt, double now) {
    if (timestamp <= 0) return;
    double sample = now - timestamp;
    if (sample < 0 || senderRtt < 0) return;
    rtt = sample;
    averageRtt = averageRtt == 0 ? sample : averageRtt * MOVING_AVERAGE_WEIGHT + sample * (1 - MOVING_AVERAGE_WEIGHT);
    forwardDelay = senderRtt < sample ? averageRtt / 2 + (sample - senderRtt) : averageRtt / 2;
  }

  /** The last round trip, seconds (0 before the first echo). */
  double rtt() {
    return rtt;
  }

  /** How old a message from the client is when it arrives, seconds (0 before the first echo). */
  double forwardDelay() {
    return forwardDelay;
  }
}
