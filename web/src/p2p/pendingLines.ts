/**
 * This member's chat lines written while the server was lost (docs/protocol.md 3.12): kept in the
 * page's session storage until the server has them, so a reload does not lose what the person was
 * shown as written. Only the author hands a line back; the server then knows who wrote it.
 */
import type { PeerChatLine } from './syncFrames';

/** More lines than this while the server is away are refused, not kept (one sentence a second for 3 minutes). */
export const MAX_PENDING_LINES = 200;

export interface LineStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class PendingLines {
  private lines: PeerChatLine[];

  constructor(private readonly store: LineStore, private readonly key: string) {
    this.lines = read(store, key);
  }

  /** False when the limit is reached: the line is not written. */
  add(line: PeerChatLine): boolean {
    if (this.lines.length >= MAX_PENDING_LINES) return false;
    this.lines.push(line);
    this.save();
    return true;
  }

  /** The lines still to hand back, oldest first. */
  get all(): readonly PeerChatLine[] {
    return this.lines;
  }

  has(lineId: string): boolean {
    return this.lines.some((l) => l.lineId === lineId);
  }

  /** The server has the line, or refused it for good: either way it is not sent again. */
  settle(lineId: string): void {
    const before = this.lines.length;
    this.lines = this.lines.filter((l) => l.lineId !== lineId);
    if (this.lines.length !== before) this.save();
  }

  private save(): void {
    try {
      this.store.setItem(this.key, JSON.stringify(this.lines));
    } catch {
      // Storage full or denied: the lines stay in memory for this page.
    }
  }
}

function read(store: LineStore, key: string): PeerChatLine[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? (parsed as PeerChatLine[]).filter((l) => typeof l?.lineId === 'string' && typeof l.text === 'string') : [];
  } catch {
    return [];
  }
}
