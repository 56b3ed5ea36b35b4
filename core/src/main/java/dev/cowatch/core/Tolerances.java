package dev.cowatch.core;

/**
 * Every sync tolerance and timing in one place, each with the reason for its value.
 * Server and clients read the same record so that the simulator measures the real rules.
 *
 * @param minLeadMs a play is anchored at least this far in the future, so that a member whose
 *     message arrives late still starts on the shared instant (DESIGN.md: max(2 x one-way, 150 ms))
 * @param maxLeadMs cap on the lead: one member on a terrible link must not delay everyone's
 *     play button by more than this
 * @param seekAllowanceMs added to the lead of a seek while playing: seek-to-frame in headless
 *     Chromium takes 66-200 ms, so members need that long before the shared start
 * @param bufferWaitTimeoutMs default time a wait-for-everyone room waits for a buffering member
 *     before it resumes and leaves the straggler to catch up
 * @param reconnectGraceMs a disconnected member keeps its identity this long, enough for a
 *     phone switching networks or a laptop waking up
 * @param heartbeatIntervalMs clients send a ping at least this often: the settled clock's period
 *     (below). Every connected client costs the server a message each heartbeat; at one a second,
 *     50,000 idle viewers kept two cores busy with pings alone (issue 22)
 * @param deadConnectionMs a connection silent for this long is closed: three missed heartbeats. A
 *     connection that ends (a closed tab, a killed node) is noticed at once; this only bounds how
 *     long a viewer whose network vanished without a word still shows as connected
 * @param pausePositionToleranceMs a pause may carry the position the sender's player showed; it
 *     is believed when within this distance of the timeline (the sender lags by its one-way
 *     delay plus its own drift), otherwise the timeline position is used
 * @param deadBandMs an error beyond this is corrected at once, judged on one reading. Inside it a
 *     player is only trimmed, on a window's mean (see trimWindowMs, minDeadBandMs): with this band
 *     alone, a page rested anywhere inside it, and two pages sat 15-27 ms apart for a whole session
 *     (issue 21)
 * @param pausedToleranceMs a paused player further than this from the room's position is moved:
 *     seeking while paused is invisible, and everyone should be stopped on the same frame (a
 *     frame is 16-42 ms)
 * @param nudgeTimeConstantMs a nudge aims to remove the error within about this time; half a
 *     second keeps a seek's residual (a start landing 30-50 ms off in Chromium) well inside the
 *     one-second convergence budget
 * @param maxNudge largest relative playbackRate change used to correct drift; with pitch
 *     correction, 8 % for a fraction of a second is heard as a brief change of tempo at most
 * @param seekThresholdMs an error above this is corrected by seeking (ahead by the learned seek
 *     latency) instead of nudging: a page 100-250 ms behind after a stall took 2.5 s at the maximum
 *     nudge; a seek in Chromium takes 66-200 ms and lands within tens of ms (issue 21)
 * @param bufferingReportDelayMs a player stalls briefly after every seek or start while it fetches;
 *     only a stall longer than this is reported as buffering. Reporting every short stall made a
 *     wait-for-everyone room stop and restart after each seek (seen in Chromium: one member's
 *     stall, ready, the next member's stall ...)
 * @param clockSamples clock-sync samples kept: the more there are, the closer each direction's
 *     fastest crossing comes to the network's floor (see ClockEstimator: with one-way delays of
 *     50 +- 20 ms the estimate errs by 3.3 ms at p95 over 16 samples, 2.2 over 24, 0.9 over 64)
 * @param clockBestOf each bound of the offset is the mean of this many tightest: 1, the tightest
 *     alone, erred least in simulation (p95 over 24 samples: 2.2 ms for 1, 2.4 for 2, 2.8 for 4)
 * @param clockBurst samples taken right after connecting and after a suspected clock shift
 * @param clockBurstSpacingMs spacing of burst samples
 * @param clockPeriodMs spacing of samples after the burst, until the estimate has settled; the pings
 *     double as heartbeats. The burst comes while a page loads, when its pongs are read late (in Chromium
 *     beside a CPU hog the first up-and-down times were 78-143 ms on loopback), so the samples after it
 *     make the estimate: a quarter second apart, a viewer holds the settled 24 some 4.5 s after connecting
 *     (16 s at one a second, when a page that joined just before a play could start it on an estimate
 *     5-8 ms off under 50 +- 20 ms of delay, issue 21). A client sends as many pings before it settles
 *     as before, only sooner
 * @param clockShiftMs an estimate that moves by more than this suggests the clock shifted
 *     (system sleep, NTP step): start a new burst
 * @param initialSeekLatencyMs a player's seek latency before it is measured: the middle of
 *     66-200 ms measured in Chromium
 * @param smoothing weight of a new measurement (seek latency, start latency, rate-switch jump) in
 *     the players' moving averages
 * @param startSettleMs after a start the player comes up to speed; its error is judged only after
 *     this. Play was called ahead by the start latency, so the player should already run at speed
 *     at the anchor; 150 ms leaves a margin without holding a late start's correction back for long
 * @param startBandMs once a start has settled, an error beyond this is corrected (instead of beyond
 *     the dead band): it is the start latency misjudged, not jitter, and left under the dead band it
 *     would stay for good, on top of every other player's. Readings jitter by a few ms in Chromium
 * @param startFiringMs a paused player is left alone this long past the instant its start was
 *     planned for: the play() it was given is taking effect
 * @param catchUpMarginMs a catching-up player lands this far beyond its seek and start latencies:
 *     room for the fetch after a seek on a fresh source, so that the start still comes before its
 *     instant
 * @param landingWaitMs a catching-up player still not on its frame this long after the seek cannot
 *     get there (a source that cannot seek, a frame past its end): it plays on from where it is
 * @param maxSeeksWithoutEffect after this many seeks in a row that left the error as large, the
 *     player plays on out of step (seeks that change nothing would restart the video forever)
 * @param maxSeekLatencyMs a measured seek latency above this is taken for a reading gone wrong
 *     (a tab in the background), not learned
 * @param maxStartLatencyMs a start latency is learned up to this at most
 * @param maxSwitchJumpMs a jump after a rate switch larger than this is something else (a seek,
 *     a stall), not learned as the switch's cost
 * @param minDeadBandMs a resting player is trimmed toward the room once its mean error over a
 *     window (trimWindowMs) exceeds its trim band: the clock estimate's uncertainty or the spread of
 *     its rate-switch jumps (doubled and tripled: a trim costs two switches, a smaller error is noise), never
 *     below this. Judged on single readings, as the dead band is, a band of 4-8 ms made pages under
 *     CPU load chase their readings' jitter with 4-20 rate switches in 20 s and their steady p99
 *     grew (17-52 ms against 9-24, 2026-11-23); a window's mean of some 50 readings barely jitters.
 *     5 ms is under a third of a frame at 60 fps
 * @param clockSettleSamples the estimate has settled once it holds this many samples (the burst and
 *     4 s of four a second): by then the fastest few of them crossed the network about as evenly as
 *     more would (see clockSamples), and a new sample rarely moves the estimate
 * @param clockSettledPeriodMs spacing of samples once settled. A client's clock drifts from the
 *     server's by a few parts per million (0.05 ms in 10 s), far below what a sample's delay hides;
 *     a suspected clock step (the fast sample far off) still starts a new burst at once
 * @param trimWindowMs a resting player's error is averaged over windows this long before it is
 *     trimmed (at most one trim per window): Chromium's readings of currentTime against the clock
 *     jitter by a few ms under CPU load, their mean over a second by well under one
 */
public record Tolerances(
    long minLeadMs,
    long maxLeadMs,
    long seekAllowanceMs,
    long bufferWaitTimeoutMs,
    long reconnectGraceMs,
    long heartbeatIntervalMs,
    long deadConnectionMs,
    long pausePositionToleranceMs,
    double deadBandMs,
    double pausedToleranceMs,
    double nudgeTimeConstantMs,
    double maxNudge,
    double seekThresholdMs,
    long bufferingReportDelayMs,
    int clockSamples,
    int clockBestOf,
    int clockBurst,
    long clockBurstSpacingMs,
    long clockPeriodMs,
    double clockShiftMs,
    double initialSeekLatencyMs,
    double smoothing,
    double startSettleMs,
    double startBandMs,
    double startFiringMs,
    double catchUpMarginMs,
    double landingWaitMs,
    int maxSeeksWithoutEffect,
    double maxSeekLatencyMs,
    double maxStartLatencyMs,
    double maxSwitchJumpMs,
    double minDeadBandMs,
    int clockSettleSamples,
    long clockSettledPeriodMs,
    double trimWindowMs) {

  public static final Tolerances DEFAULTS =
      new Tolerances(150, 1_500, 250, 5_000, 30_000, 10_000, 30_000, 2_000,
          20, 5, 500, 0.08, 100, 500, 64, 1, 8, 60, 250, 25,
          130, 0.3, 150, 8, 50, 150, 1_000, 3, 5_000, 1_000, 200, 5, 24, 10_000, 1_000);

  /** These tolerances with the room timings an operator may configure. */
  public Tolerances withRoomTimings(long bufferWaitTimeout, long reconnectGrace) {
    return withTimings(bufferWaitTimeout, reconnectGrace, heartbeatIntervalMs, deadConnectionMs, clockPeriodMs);
  }

  /** These tolerances with another seek threshold (a player whose clock barely follows its rate seeks sooner). */
  public Tolerances withSeekThresholdMs(double threshold) {
    return new Tolerances(minLeadMs, maxLeadMs, seekAllowanceMs, bufferWaitTimeoutMs, reconnectGraceMs,
        heartbeatIntervalMs, deadConnectionMs, pausePositionToleranceMs, deadBandMs, pausedToleranceMs,
        nudgeTimeConstantMs, maxNudge, threshold, bufferingReportDelayMs, clockSamples, clockBestOf, clockBurst,
        clockBurstSpacingMs, clockPeriodMs, clockShiftMs, initialSeekLatencyMs, smoothing, startSettleMs, startBandMs,
        startFiringMs, catchUpMarginMs, landingWaitMs, maxSeeksWithoutEffect, maxSeekLatencyMs, maxStartLatencyMs,
        maxSwitchJumpMs, minDeadBandMs, clockSettleSamples, clockSettledPeriodMs, trimWindowMs);
  }

  /** These tolerances with other room and connection timings (tests shorten them). */
  public Tolerances withTimings(long bufferWait, long reconnectGrace, long heartbeat, long deadConnection,
      long clockPeriod) {
    return new Tolerances(minLeadMs, maxLeadMs, seekAllowanceMs, bufferWait, reconnectGrace,
        heartbeat, deadConnection, pausePositionToleranceMs, deadBandMs, pausedToleranceMs,
        nudgeTimeConstantMs, maxNudge, seekThresholdMs, bufferingReportDelayMs, clockSamples, clockBestOf, clockBurst,
        clockBurstSpacingMs, clockPeriod, clockShiftMs, initialSeekLatencyMs, smoothing, startSettleMs, startBandMs,
        startFiringMs, catchUpMarginMs, landingWaitMs, maxSeeksWithoutEffect, maxSeekLatencyMs, maxStartLatencyMs,
        maxSwitchJumpMs, minDeadBandMs, clockSettleSamples, clockSettledPeriodMs, trimWindowMs);
  }
}
