/**
 * The room's slow mode as one writer sees it: the interval the server holds each writer but the room's staff to
 * (ChatService.refuseIfTooSoon), and how long until this writer may send again. The server decides; this only spares
 * a person a refusal and shows the wait.
 */
export class SlowMode {
  /** The slow modes staff may choose (seconds; 0: off), within the server's 0-600. */
  static readonly CHOICES = [0, 5, 10, 30, 60, 120, 300, 600] as const;

  private seconds = 0;
  private lastSentAtMs = -Infinity;

  /** The room's interval (0: off). */
  set(seconds: number): void {
    this.seconds = Math.max(0, seconds);
  }

  get intervalSeconds(): number {
    return this.seconds;
  }

  /** This writer sent a line at `nowMs`. */
  sent(nowMs: number): void {
    this.lastSentAtMs = nowMs;
  }

  /** Whole seconds until this writer may send again (0: now); staff are never held. */
  waitSeconds(nowMs: number, staff: boolean): number {
    if (staff || this.seconds === 0) return 0;
    const waitMs = this.lastSentAtMs + this.seconds * 1_000 - nowMs;
    return waitMs > 0 ? Math.ceil(waitMs / 1_000) : 0;
  }
}
