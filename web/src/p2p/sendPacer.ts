/**
 * How fast the sharer hands chunks to one receiver's data channel. Chromium drops outgoing packets of a
 * connection whose socket path is full (its `packetsDiscardedOnSend`, counted in the connection's stats),
 * which happens when its processes are short of CPU (two pages playing 720p on two cores). SCTP takes
 * those drops for loss and, losing whole bursts, falls into timeouts: one 64 KiB chunk per ~420 ms for
 * seconds (bench/run p2p;
 * docs/performance-history.md#2026-11-25-fourth-session-chromiums-own-ceiling-and-the-stall-that-made-the-spread).
 * Sending at a rate that backs off on each new drop keeps
 * the link out of that state. A link that drops nothing is soon not held back at all.
 *
 * Pure: the caller says what time it is and how many packets its connection has dropped so far.
 */

/** Where a new link starts: enough for playback to begin within a few hundred ms. */
export const PACE_START_BYTES_PER_S = 4 * 1024 * 1024;
/** Never slower than this: a film's bitrate, so a receiver that plays keeps ahead. */
export const PACE_MIN_BYTES_PER_S = 1024 * 1024;
/** Above this the pacer holds nothing back (Chromium's data channels go slower than this). */
export const PACE_MAX_BYTES_PER_S = 256 * 1024 * 1024;
/** How much may go out at once after a quiet spell: four chunks. */
export const PACE_BURST_BYTES = 256 * 1024;
/** Growth per look without a new drop: fast until the first drop, gently after it. */
const GROWTH_BEFORE_DROPS = 1.5;
const GROWTH_AFTER_DROPS = 1.1;
/** On a new drop the rate is cut to this share. */
const CUT = 0.6;

export class SendPacer {
  private rate = PACE_START_BYTES_PER_S;
  private discarded = 0;
  private dropsSeen = false;
  private tokens = PACE_BURST_BYTES;
  private tokensAt: number | undefined;
  /** A fixed limit above the followed rate (the browser tests' slow link, hooks.ts); 0: none. */
  private ceiling = 0;
  /**
   * Whether a send was held back since the last look. Only then does a look without drops say the link would take
   * more: while SCTP stood still after drops (nothing sent for 2 s), the rate grew on regardless, to 256 MiB/s, and
   * the first sends after it went out unpaced (bench/run p2p's trace, 2026-11-29). Grown only when it held something
   * back, the direct transfer moved 8.6-12.5 MiB/s (mean 10.6, five runs) against 6.8-7.7 (mean 7.4, five) just before.
   */
  private heldBack = false;

  /** The rate chunks go out at now: the followed rate, under the ceiling if one is set. */
  get bytesPerSecond(): number {
    return this.ceiling > 0 ? Math.min(this.rate, this.ceiling) : this.rate;
  }

  /** Never faster than `bytesPerSecond` from now on (0: no limit); the followed rate goes on underneath. */
  limitTo(bytesPerSecond: number): void {
    this.ceiling = bytesPerSecond > 0 ? bytesPerSecond : 0;
  }

  /**
   * The connection's packets dropped on send so far (cumulative), looked at now: the rate follows, cut on a new drop,
   * raised when it held sends back and nothing was dropped.
   */
  observe(discardedSoFar: number): void {
    if (discardedSoFar > this.discarded) {
      this.rate = Math.max(PACE_MIN_BYTES_PER_S, this.rate * CUT);
      this.dropsSeen = true;
    } else if (this.heldBack) {
      this.rate = Math.min(PACE_MAX_BYTES_PER_S, this.rate * (this.dropsSeen ? GROWTH_AFTER_DROPS : GROWTH_BEFORE_DROPS));
    }
    this.heldBack = false;
    this.discarded = Math.max(this.discarded, discardedSoFar);
  }

  /**
   * The connection's drops so far, looked at while the pacer is not in use (the film paused: sends go out unpaced):
   * counted, so that they are not taken for new ones later, but not followed. Followed, drops of a paused transfer cut
   * the rate to its floor, and the film then started at a film's bitrate.
   */
  overlook(discardedSoFar: number): void {
    this.discarded = Math.max(this.discarded, discardedSoFar);
    this.heldBack = false;
  }

  /** Milliseconds to wait before `bytes` may be sent at `nowMs` (0: send now); the bytes are counted as sent. */
  take(bytes: number, nowMs: number): number {
    const rate = this.bytesPerSecond;
    if (this.tokensAt !== undefined) {
      this.tokens = Math.min(PACE_BURST_BYTES, this.tokens + ((nowMs - this.tokensAt) * rate) / 1000);
    }
    this.tokensAt = nowMs;
    this.tokens -= bytes;
    if (this.tokens < 0) this.heldBack = true;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / rate;
  }
}
