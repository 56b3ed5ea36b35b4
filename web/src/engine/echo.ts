import type { PlayerEventKind } from '../player/playerView';

/** How far from its target a seek of ours may land and still be ours (client-java EchoGuard says why). */
const SEEK_LANDS_WITHIN_MS = 1_000;

type OtherKind = Exclude<PlayerEventKind, 'seeked'>;

interface Expectation {
  readonly kind: PlayerEventKind;
  readonly untilMs: number;
  /** Where a seek was sent; NaN for the other kinds. */
  readonly targetMs: number;
}

/**
 * Remembers the events that applying the room's timeline is about to cause, so they are not
 * taken for a person's gestures and sent back (the echo loop). Expectations lapse, so a command
 * the player ignored cannot swallow a later real gesture for long. A seek of ours is answered
 * only by a landing near its target: a person's seek merged with ours lands elsewhere and is a
 * gesture. Twin of client-java's EchoGuard, bound by core's sync/echo-guard-vectors.json.
 */
export class EchoGuard {
  static readonly EXPECTATION_MS = 2_000;
  /** Sync steps come every 20 ms; a gap between two moments the page ran longer than this is time it did not run. */
  static readonly RUNNING_GAP_MS = 250;
  private expected: Expectation[] = [];
  private lastRanMs = NaN;

  expect(kind: OtherKind, untilMs: number): void {
    this.expected.push({ kind, untilMs, targetMs: NaN });
  }

  expectSoon(kind: OtherKind, nowMs: number): void {
    this.ran(nowMs);
    this.expect(kind, nowMs + EchoGuard.EXPECTATION_MS);
  }

  /** Expects the landing of a seek sent to `targetMs` now. */
  expectSeek(targetMs: number, nowMs: number): void {
    this.ran(nowMs);
    this.expected.push({ kind: 'seeked', untilMs: nowMs + EchoGuard.EXPECTATION_MS, targetMs });
  }

  /**
   * The page runs at `nowMs` (a sync step, an event handled). Time in which it did not run, beyond a usual gap, does not
   * count toward any expectation's lapse: a page starved of CPU for seconds handles the events its own commands caused
   * only when it runs again, and by the wall clock their expectations had lapsed. Two pages on a machine at a load of 26
   * (a CI run, 2026-11-27) each sent a seek nobody made: the landing of their own seek, handled more than 2 s after it
   * was sent. A person's gesture is still told apart as before: by kind, and a seek by where it lands.
   */
  ran(nowMs: number): void {
    const gap = nowMs - this.lastRanMs;
    if (gap > EchoGuard.RUNNING_GAP_MS) {
      const stood = gap - EchoGuard.RUNNING_GAP_MS;
      this.expected = this.expected.map((e) => ({ ...e, untilMs: e.untilMs + stood }));
    }
    if (!(nowMs <= this.lastRanMs)) this.lastRanMs = nowMs;
  }

  /**
   * The player is still busy (seeking, or fetching for a seek): the seeks of ours it may be under way to have not
   * landed yet, however long that takes, so their expectations are kept from lapsing until EXPECTATION_MS after the
   * last call. On a slow link or a busy machine a seek lands later than EXPECTATION_MS, and its landing, taken for a
   * person's seek, moved the whole room there (a CI run at load 10: a page sent a seek nobody made, 2.2 s after the
   * room had sent it to about that place). Seeks only: they are told apart from a person's by where they land; the
   * other kinds by kind alone, which a long wait would let swallow a person's gesture.
   */
  underWay(nowMs: number): void {
    this.ran(nowMs);
    const until = nowMs + EchoGuard.EXPECTATION_MS;
    this.expected = this.expected.map((e) => (e.kind === 'seeked' && e.untilMs < until ? { ...e, untilMs: until } : e));
  }

  /** True if the event was expected (and is now used up): it came from us, not a person. */
  consume(kind: PlayerEventKind, atMs: number, positionMs: number): boolean {
    this.ran(atMs);
    this.expected = this.expected.filter((e) => e.untilMs >= atMs);
    const i = this.expected.findIndex(
      (e) => e.kind === kind && (Number.isNaN(e.targetMs) || Math.abs(positionMs - e.targetMs) <= SEEK_LANDS_WITHIN_MS),
    );
    if (i < 0) return false;
    this.expected.splice(i, 1);
    return true;
  }
}
