import { describe, expect, it } from 'vitest';
import { browserVersion, manifest } from '../manifest.mjs';

describe('browserVersion', () => {
  it.each([
    ['0.1.0-SNAPSHOT', '0.1.0'],
    ['0.1.0', '0.1.0'],
    ['1.2.3.4', '1.2.3.4'],
    ['2.0-rc1', '2.0'],
    ['65535.0.0', '65535.0.0'],
  ])('%s -> %s', (maven, browser) => expect(browserVersion(maven)).toBe(browser));

  it.each(['1.2.3.4.5', '01.2.3', '65536.0.0', 'v1.0', '1..2', ''])('refuses %s', (maven) =>
    expect(() => browserVersion(maven)).toThrow(/no browser version/));
});

describe('manifest version', () => {
  it('chromium: the numbers as version, the whole release as version_name', () => {
    const m = manifest('chromium', '0.1.0-SNAPSHOT', 'http://localhost:8080');
    expect([m.version, m.version_name]).toEqual(['0.1.0', '0.1.0-SNAPSHOT']);
  });

  it('firefox: the numbers only, and the add-on id', () => {
    const m = manifest('firefox', '0.1.0-SNAPSHOT', 'http://localhost:8080');
    expect([m.version, m.version_name, m.browser_specific_settings.gecko.id]).toEqual(['0.1.0', undefined, 'extension@cowatch.dev']);
  });

  it('a release without a qualifier has no version_name', () => {
    expect(manifest('chromium', '0.2.0', 'http://localhost:8080').version_name).toBeUndefined();
  });
});
