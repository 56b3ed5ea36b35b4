/**
 * Handles the browser tests (e2e/) use to break a transfer on purpose and to read how it stands:
 * `corruptNext` spoils that many chunks after they were hashed, as a bad link would; `maxBytesPerSecond`
 * (0: no limit) slows the sharer down to a link slower than the test machine's loopback; `forceRelay`
 * makes new connections use TURN only (iceTransportPolicy 'relay'), as two peers that cannot reach each
 * other directly would; `uplinkBytesPerSecond` (0 or absent: no limit; at most sendPacer's start rate, 4 MiB/s)
 * holds all the sharer's links together to one rate, as a home connection's upload would.
 */
export interface P2pHooks {
  forceRelay: boolean;
  corruptNext: number;
  maxBytesPerSecond: number;
  uplinkBytesPerSecond?: number;
  /** The receiver does not join the file's swarm (for the benchmarks' comparisons). */
  noSwarm?: boolean;
  /** The sharer sends without its pacer (sendPacer.ts), as Chromium's ceiling does (for the benchmarks' comparisons). */
  noPacer?: boolean;
  sharers: unknown[];
  fetchers: unknown[];
}

export function hooks(): P2pHooks {
  const w = window as unknown as { __cowatchP2p?: P2pHooks };
  w.__cowatchP2p ??= { forceRelay: false, corruptNext: 0, maxBytesPerSecond: 0, sharers: [], fetchers: [] };
  return w.__cowatchP2p;
}
