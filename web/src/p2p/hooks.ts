/**
 * Handles the browser tests (e2e/) use to break a transfer on purpose and to read how it stands:
 * `corruptNext` spoils that many chunks after they were hashed, as a bad link would.
 */
export interface P2pHooks {
  corruptNext: number;
  sharers: unknown[];
  fetchers: unknown[];
}

export function hooks(): P2pHooks {
  const w = window as unknown as { __cowatchP2p?: P2pHooks };
  w.__cowatchP2p ??= { corruptNext: 0, sharers: [], fetchers: [] };
  return w.__cowatchP2p;
}
