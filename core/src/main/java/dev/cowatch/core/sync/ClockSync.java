package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;

/**
 * A client's clock sync, apart from sending: how often to ping (a burst of quick pings on each new
 * connection and after the local clock seemed to step, then four a second until the estimate has
 * settled, then one a settled period; the pings are also the heartbeat) and what the pongs say of the server clock. Not thread-safe; the client that owns it
 * calls it under its own lock. The web client's twin is {@code ClockSync} in web/src/engine/clock.ts.
 */
public final class ClockSync {
  private final Tolerances tolerances;
  private ClockEstimator estimate;
  private int burstLeft;

  public ClockSync(Tolerances tolerances) {
    this.tolerances = tolerances;
    this.estimate = new ClockEstimator(tolerances.clockSamples(), tolerances.clockBestOf());
  }

  /** A new connection: learn the offset again quickly. The samples so far are kept. */
  public void connected() {
    burstLeft = tolerances.clockBurst();
  }

  /** Called as a ping is sent: how long until the next one. */
  public long nextPingDelayMs() {
    if (burstLeft > 0) {
      burstLeft--;
      return tolerances.clockBurstSpacingMs();
    }
    long period = settled() ? tolerances.clockSettledPeriodMs() : tolerances.clockPeriodMs();
    return Math.min(period, tolerances.heartbeatIntervalMs());
  }

  /** Enough samples that more would rarely move the estimate: pings may come less often. */
  public boolean settled() {
    return estimate.size() >= Math.min(tolerances.clockSettleSamples(), tolerances.clockSamples());
  }

  /**
   * A pong's sample. Returns true when it suggests the local clock stepped: the estimate then
   * starts again from it, with a new burst.
   */
  public boolean pong(ClockSample sample) {
    if (estimate.suggestsShift(sample, tolerances.clockShiftMs())) {
      estimate = estimate.restartWith(sample);
      burstLeft = tolerances.clockBurst();
      return true;
    }
    estimate = estimate.add(sample);
    return false;
  }

  /** Add to the local clock to get server time. */
  public double offsetMs() {
    return estimate.offsetMs();
  }

  public double rttMs() {
    return estimate.rttMs();
  }

  /** How far the offset may be off, from its samples' spread ({@link ClockEstimator#uncertaintyMs()}). */
  public double uncertaintyMs() {
    return estimate.uncertaintyMs();
  }

  /** Enough samples for the estimate to be trusted (one burst's worth). */
  public boolean synced() {
    return estimate.size() >= Math.min(tolerances.clockBurst(), tolerances.clockSamples());
  }
}
