import { describe, expect, it } from 'vitest';
import { MAX_DISMISSED, nextExpiry, visibleNotices, withDismissed } from '../src/ui/noticeRules';

const notice = (id: string, createdAt: number, expiresAtMs: number) => ({ id, text: `text ${id}`, createdAt, expiresAtMs });

describe('site notices', () => {
  const now = 1_000_000;

  it('shows the unexpired, undismissed notices, newest first', () => {
    const shown = visibleNotices([notice('old', 10, now + 60_000), notice('new', 20, now + 60_000),
      notice('expired', 30, now - 1), notice('withdrawn', 40, now), notice('dismissed', 50, now + 60_000)], ['dismissed'], now);
    expect(shown.map((n) => n.id)).toEqual(['new', 'old']);
  });

  it('redraws when the first shown notice expires, and never without one', () => {
    expect(nextExpiry([notice('a', 1, now + 5_000), notice('b', 2, now + 2_000)])).toBe(now + 2_000);
    expect(nextExpiry([])).toBeUndefined();
  });

  it('remembers a bounded list of dismissed ids, the newest kept', () => {
    let dismissed: string[] = [];
    for (let i = 0; i < MAX_DISMISSED + 10; i++) dismissed = withDismissed(dismissed, `n${i}`);
    expect(dismissed).toHaveLength(MAX_DISMISSED);
    expect(dismissed.at(-1)).toBe(`n${MAX_DISMISSED + 9}`);
    expect(dismissed[0]).toBe('n10');
    expect(withDismissed(['a', 'b'], 'a')).toEqual(['b', 'a']);
  });
});
