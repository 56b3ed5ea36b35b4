import { describe, expect, it } from 'vitest';
import { OFFLINE_CSP, offlinePage } from '../src/app/offlinePage';
import { pickLanguage } from '../src/i18n/i18n';

describe('offlinePage', () => {
  it('speaks the first of the browser languages it knows, by their base', () => {
    expect(offlinePage(['fr-FR', 'de-AT', 'en']).lang).toBe('de');
    expect(offlinePage(['ru']).html).toContain('Нет подключения к сети');
    expect(offlinePage(['ja']).lang).toBe('en');
    expect(offlinePage([]).html).toContain('<html lang="en">');
  });

  it('carries its icon inside and runs no script', () => {
    const { html } = offlinePage(['en']);
    expect(html).toContain('src="data:image/svg+xml,');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('You are offline');
    expect(OFFLINE_CSP).toContain("default-src 'none'");
    expect(OFFLINE_CSP).not.toContain('script-src');
  });
});

describe('pickLanguage', () => {
  it('prefers what the person saved, then the browser, then English', () => {
    expect(pickLanguage('ru', ['de'])).toBe('ru');
    expect(pickLanguage('xx', ['pt-BR', 'de-CH'])).toBe('de');
    expect(pickLanguage(null, ['pt'])).toBe('en');
  });
});
