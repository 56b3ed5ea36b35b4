import type { PlayerEventKind } from '../player/playerView';

/**
 * Remembers the events that applying the room's timeline is about to cause, so they are not
 * taken for a person's gestures and sent back (the echo loop). Expectations lapse, so a command
 * the player ignored cannot swallow a later real gesture for long.
 */
export class EchoGuard {
  static readonly EXPECTATION_MS = 2_000;
  private expected: { kind: PlayerEventKind; untilMs: number }[] = [];

  expect(kind: PlayerEventKind, untilMs: number): void {
    this.expected.push({ kind, untilMs });
  }

  expectSoon(kind: PlayerEventKind, nowMs: number): void {
    this.expect(kind, nowMs + EchoGuard.EXPECTATION_MS);
  }

  /** True if the event was expected (and is now used up): it came from us, not a person. */
  consume(kind: PlayerEventKind, atMs: number): boolean {
    this.expected = this.expected.filter((e) => e.untilMs >= atMs);
    const i = this.expected.findIndex((e) => e.kind === kind);
    if (i < 0) return false;
    this.expected.splice(i, 1);
    return true;
  }
}
