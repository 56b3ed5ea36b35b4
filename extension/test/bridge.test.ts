import { describe, expect, it } from 'vitest';
import { AD_EVENT, adPlayingOf, parseToContent, parseToPage, TO_CONTENT, TO_PAGE } from '../src/shared/bridge';

describe('parseToPage', () => {
  it('accepts a command with a known operation and a finite value', () => {
    expect(parseToPage({ channel: TO_PAGE, kind: 'command', id: 3, op: 'seek', value: 1500 }))
      .toEqual({ channel: TO_PAGE, kind: 'command', id: 3, op: 'seek', value: 1500 });
  });

  it('ignores other messages the page posts, unknown operations and bad values', () => {
    expect(parseToPage({ type: 'something-of-the-site' })).toBeUndefined();
    expect(parseToPage({ channel: TO_PAGE, kind: 'command', id: 1, op: 'eval', value: 0 })).toBeUndefined();
    expect(parseToPage({ channel: TO_PAGE, kind: 'command', id: 1, op: 'seek', value: Number.NaN })).toBeUndefined();
    expect(parseToPage({ channel: TO_PAGE, kind: 'command', id: 1.5, op: 'play', value: 0 })).toBeUndefined();
    expect(parseToPage(null)).toBeUndefined();
  });
});

describe('parseToContent', () => {
  it('accepts an adapter announcement and answers', () => {
    expect(parseToContent({ channel: TO_CONTENT, kind: 'adapter', name: 'demo-player' })).toEqual({ channel: TO_CONTENT, kind: 'adapter', name: 'demo-player' });
    expect(parseToContent({ channel: TO_CONTENT, kind: 'done', id: 7, error: 'NotAllowedError' }))
      .toEqual({ channel: TO_CONTENT, kind: 'done', id: 7, error: 'NotAllowedError' });
  });

  it('accepts the ad breaks of the player, checked, and its buffering', () => {
    expect(parseToContent({ channel: TO_CONTENT, kind: 'breaks', breaks: [{ startMs: 20_000, durationMs: 6_000 }] }))
      .toEqual({ channel: TO_CONTENT, kind: 'breaks', breaks: [{ startMs: 20_000, durationMs: 6_000 }] });
    expect(parseToContent({ channel: TO_CONTENT, kind: 'breaks', breaks: [{ startMs: -5, durationMs: 6_000 }] })).toBeUndefined();
    expect(parseToContent({ channel: TO_CONTENT, kind: 'breaks', breaks: 'all of it' })).toBeUndefined();
    expect(parseToContent({ channel: TO_CONTENT, kind: 'busy', busy: true })).toEqual({ channel: TO_CONTENT, kind: 'busy', busy: true });
    expect(parseToContent({ channel: TO_CONTENT, kind: 'busy', busy: 'yes' })).toBeUndefined();
  });

  it('refuses an empty or overlong adapter name', () => {
    expect(parseToContent({ channel: TO_CONTENT, kind: 'adapter', name: '' })).toBeUndefined();
    expect(parseToContent({ channel: TO_CONTENT, kind: 'adapter', name: 'x'.repeat(65) })).toBeUndefined();
  });
});

describe('adPlayingOf', () => {
  it('reads a boolean detail, nothing else', () => {
    expect(adPlayingOf(new CustomEvent(AD_EVENT, { detail: true }))).toBe(true);
    expect(adPlayingOf(new CustomEvent(AD_EVENT, { detail: false }))).toBe(false);
    expect(adPlayingOf(new CustomEvent(AD_EVENT, { detail: 'yes' }))).toBeUndefined();
    expect(adPlayingOf(new Event(AD_EVENT))).toBeUndefined();
  });
});
