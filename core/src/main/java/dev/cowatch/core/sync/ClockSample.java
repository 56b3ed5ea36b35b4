package dev.cowatch.core.sync;

/**
 * One NTP-style exchange: {@code t0} client send, {@code t1} server receive, {@code t2} server
 * send, {@code t3} client receive. {@code offset} is what to add to the client clock to get
 * server time; {@code delay} is the round trip minus the server's own time.
 */
public record ClockSample(double offsetMs, double delayMs) {

  public static ClockSample of(double t0, double t1, double t2, double t3) {
    return new ClockSample(((t1 - t0) + (t2 - t3)) / 2, (t3 - t0) - (t2 - t1));
  }
}
