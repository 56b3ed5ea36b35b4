import { describe, expect, it } from 'vitest';
import { MAX_PAGE_ADDRESS, pageAddress, samePage, serverOrigin } from '../src/shared/pageAddress';

describe('pageAddress', () => {
  it('drops the fragment and keeps path and query', () => {
    expect(pageAddress('https://video.example/watch?v=42#t=10')).toBe('https://video.example/watch?v=42');
  });

  it('refuses pages that are not http(s)', () => {
    expect(pageAddress('chrome://extensions')).toBeUndefined();
    expect(pageAddress('file:///tmp/a.html')).toBeUndefined();
    expect(pageAddress('not a url')).toBeUndefined();
  });

  it('refuses an address longer than the server keeps', () => {
    expect(pageAddress(`https://a.example/${'x'.repeat(MAX_PAGE_ADDRESS)}`)).toBeUndefined();
  });
});

describe('samePage', () => {
  it('is the same page whatever the fragment', () => {
    expect(samePage('https://a.example/w?v=1', 'https://a.example/w?v=1#player')).toBe(true);
  });

  it('is another page when the query differs (another episode)', () => {
    expect(samePage('https://a.example/w?v=1', 'https://a.example/w?v=2')).toBe(false);
  });

  it('is no page when the room has no media', () => {
    expect(samePage(undefined, 'https://a.example/')).toBe(false);
  });
});

describe('serverOrigin', () => {
  it('keeps only the origin', () => {
    expect(serverOrigin(' https://cowatch.example.org/r/abc ')).toEqual({ origin: 'https://cowatch.example.org' });
  });

  it('explains what is wrong', () => {
    expect(serverOrigin('cowatch.example.org')).toHaveProperty('error');
    expect(serverOrigin('ftp://cowatch.example.org')).toEqual({ error: 'The server address must start with https:// or http://' });
  });
});
