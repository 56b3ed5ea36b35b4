/**
 * The sync tolerances and timings, the same values as the server's and the Java client's
 * (core/src/main/java/dev/cowatch/core/Tolerances.java, where each value's reason is written).
 * A build test compares the two so they cannot drift apart.
 */
export const TOLERANCES = {
  minLeadMs: 150,
  maxLeadMs: 1_500,
  seekAllowanceMs: 250,
  bufferWaitTimeoutMs: 5_000,
  reconnectGraceMs: 30_000,
  heartbeatIntervalMs: 10_000,
  deadConnectionMs: 30_000,
  pausePositionToleranceMs: 2_000,
  deadBandMs: 20,
  pausedToleranceMs: 5,
  nudgeTimeConstantMs: 500,
  maxNudge: 0.08,
  seekThresholdMs: 100,
  bufferingReportDelayMs: 500,
  clockSamples: 64,
  clockBestOf: 1,
  clockBurst: 8,
  clockBurstSpacingMs: 60,
  clockPeriodMs: 250,
  clockShiftMs: 25,
  initialSeekLatencyMs: 130,
  smoothing: 0.3,
  startSettleMs: 150,
  startBandMs: 8,
  startFiringMs: 50,
  catchUpMarginMs: 150,
  landingWaitMs: 1_000,
  maxSeeksWithoutEffect: 3,
  maxSeekLatencyMs: 5_000,
  maxStartLatencyMs: 1_000,
  maxSwitchJumpMs: 200,
  minDeadBandMs: 5,
  clockSettleSamples: 24,
  clockSettledPeriodMs: 10_000,
  trimWindowMs: 1_000,
} as const;

export type Tolerances = { readonly [K in keyof typeof TOLERANCES]: number };
