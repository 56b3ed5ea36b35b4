import type { MemberView } from '../protocol';

/**
 * Everyone in a big room, for a viewer who asks. A room of more than 100 lists only its owner,
 * moderators and those not ready over the socket (docs/protocol.md 5.3) and counts the rest; the
 * rest come from the room's snapshot over REST, fetched when asked for and again when the count
 * has moved, but not more often than every `minIntervalMs`: a thousand viewers refreshing a
 * thousand names each would cost the server more than the presence it saves.
 */
export class Everyone {
  private roster: MemberView[] | undefined;
  private loadedAtMs = -Infinity;
  private countAtLoad = -1;
  private loading = false;

  constructor(private readonly fetch: () => Promise<MemberView[]>, private readonly changed: () => void,
    private readonly nowMs: () => number = () => Date.now(), private readonly minIntervalMs = 15_000) {}

  /** Whether a list has been fetched (it may be a little old). */
  get loaded(): boolean {
    return this.roster !== undefined;
  }

  /**
   * Fetches the roster when there is none yet or `count` has moved since, and the last attempt is
   * at least the interval old (the first is at once).
   */
  refresh(count: number): void {
    if (this.loading || this.nowMs() - this.loadedAtMs < this.minIntervalMs) return;
    if (this.roster !== undefined && count === this.countAtLoad) return;
    this.loading = true;
    this.fetch().then((members) => {
      this.roster = members;
      this.countAtLoad = count;
      this.loadedAtMs = this.nowMs();
    }, () => {
      // Keep what was shown; the next refresh tries again once the interval has passed.
      this.loadedAtMs = this.nowMs();
    }).finally(() => {
      this.loading = false;
      this.changed();
    });
  }

  /**
   * The listed members as they are (the socket keeps them current), then everyone else from the
   * fetched roster, in the room's order.
   */
  merged(listed: readonly MemberView[]): MemberView[] {
    const ids = new Set(listed.map((m) => m.id));
    return [...listed, ...(this.roster ?? []).filter((m) => !ids.has(m.id))];
  }
}
