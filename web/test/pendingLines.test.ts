import { describe, expect, it } from 'vitest';
import { MAX_PENDING_LINES, PendingLines, type LineStore } from '../src/p2p/pendingLines';

function memoryStore(): LineStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const line = (n: number) => ({ lineId: `l${n}`, memberId: 'm-ann', name: 'Ann', text: `line ${n}`, atMs: n });

describe('PendingLines', () => {
  it('keeps lines across a reload of the page until each is settled', () => {
    const store = memoryStore();
    const first = new PendingLines(store, 'k');
    first.add(line(1));
    first.add(line(2));

    const reloaded = new PendingLines(store, 'k');
    expect(reloaded.all.map((l) => l.lineId)).toEqual(['l1', 'l2']);
    reloaded.settle('l1');
    expect(new PendingLines(store, 'k').all.map((l) => l.lineId)).toEqual(['l2']);
    expect(reloaded.has('l2')).toBe(true);
    expect(reloaded.has('l1')).toBe(false);
  });

  it('refuses lines beyond the limit instead of dropping older ones', () => {
    const p = new PendingLines(memoryStore(), 'k');
    for (let i = 0; i < MAX_PENDING_LINES; i++) expect(p.add(line(i))).toBe(true);
    expect(p.add(line(MAX_PENDING_LINES))).toBe(false);
    expect(p.all[0]!.lineId).toBe('l0');
  });

  it('starts empty from storage it cannot read', () => {
    const store = memoryStore();
    store.data.set('k', '{not json');
    expect(new PendingLines(store, 'k').all).toEqual([]);
    store.data.set('k', '[{"lineId":1}]');
    expect(new PendingLines(store, 'k').all).toEqual([]);
  });
});
