/**
 * What a kind of player is like before its own readings teach the controller otherwise; the twin of core's
 * PlayerTraits.java (the controller vectors give each vector's player).
 */
export interface PlayerTraits {
  /** From play() until its clock runs at speed; learned on its first start. */
  readonly startLatencyMs: number;
  /**
   * The jump of each kind of rate switch (into faster, back, into slower, back), its lateness (switchLagMs) aside,
   * until its first switch of that kind teaches it; absent: the mean of all its switches so far. A first correction
   * aimed without them is thrown off by its own switch's jump (issue 21).
   */
  readonly switchCostGuessesMs?: readonly number[];
  /** How long after a rate is set its clock may still be on the way to it; 0 for a player that switches at once. */
  readonly switchUnderWayMs: number;
  /**
   * How long it plays on at the old rate after a rate is set: a switch costs, besides its jump, this times the
   * change of rate, which differs from one nudge to the next (4 ms into 1.04, 8 ms into 1.08). Taken out of what
   * each switch teaches, the jumps of a kind barely vary, and a correction lets go where switching back, late,
   * lands on the room (issue 21).
   */
  readonly switchLagMs: number;
}

/**
 * A browser's `<video>`, as measured in headless Chromium 156 (e2e/, bench/run browser-sync's player trace):
 * - start latency: 110-120 ms from play() until the media clock runs at speed;
 * - switch jumps: the fifth pass's probe measured -21.6, -1.4, -14.5, -8.5 ms (into faster, back, into slower, back);
 * - lag and under way: it plays on at the old rate for about 100 ms after a rate is set, then its clock jumps (into
 *   0.99: -16 ms at once; back to 1: -7 ms over the next 90 ms; issue 21's sixth pass). Meanwhile the error says
 *   nothing of the switch: a held nudge is neither let go nor aimed again, a resting player is not judged, and the
 *   jump is learned after.
 */
export const BROWSER_PLAYER: PlayerTraits = {
  startLatencyMs: 100,
  switchCostGuessesMs: [-21.6, -1.4, -14.5, -8.5],
  switchUnderWayMs: 200,
  switchLagMs: 100,
};

/**
 * WebKit's `<video>` (Safari's engine; WebKitGTK 2.50 with GStreamer, e2e RateSwitchProbe, 2026-11-27): a new rate
 * shows within 20 ms, with no playing on at the old one; its jumps: -6, -19, -5, -6 ms (into faster, back, into
 * slower, back); its currentTime is smooth (0.25 ms off a straight line at p50). Its start is learned.
 */
export const WEBKIT_PLAYER: PlayerTraits = {
  startLatencyMs: 20,
  switchCostGuessesMs: [-6, -19, -5, -6],
  switchUnderWayMs: 40,
  switchLagMs: 0,
};

/**
 * Firefox's `<video>` (Firefox ESR 153, headless; bench/run rate-switches firefox, 2026-11-28): its clock runs at speed
 * 2 ms after play(), and a new rate shows at once, with no jump its frames could tell from their ±8 ms scatter. Its
 * position is read from currentTime's steps (StepClock), which show a switch at the next reading.
 */
export const FIREFOX_PLAYER: PlayerTraits = {
  startLatencyMs: 5,
  switchCostGuessesMs: [0, 0, 0, 0],
  switchUnderWayMs: 40,
  switchLagMs: 0,
};

/**
 * The traits of the browser this runs in, told by its user agent: WebKit's own (Safari, WebKitGTK, and every browser
 * on iOS, which must use WebKit) and Firefox's (Gecko) differ from Chromium's. Firefox once did better with Chromium's:
 * read through the frames it presents, its position wandered by 20 ms and no traits could follow it (2026-11-28); read
 * from currentTime's steps it is steady to a millisecond or two, and its own traits fit.
 */
export function browserTraits(userAgent: string): PlayerTraits {
  const ios = /iPhone|iPad|iPod/.test(userAgent);
  const webkit = ios || (/AppleWebKit/.test(userAgent) && !/Chrome|Chromium|Edg|OPR/.test(userAgent));
  if (webkit) return WEBKIT_PLAYER;
  return /Gecko\/\d+.*Firefox\//.test(userAgent) ? FIREFOX_PLAYER : BROWSER_PLAYER;
}
