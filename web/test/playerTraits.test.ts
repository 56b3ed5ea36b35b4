import { describe, expect, it } from 'vitest';
import { BROWSER_PLAYER, FIREFOX_PLAYER, WEBKIT_PLAYER, browserTraits } from '../src/engine/playerTraits';
import shared from '../../core/src/test/resources/sync/player-traits.json';

describe('the engines\' traits', () => {
  // The same file holds the Java twin's constants (PlayerTraitsOfEnginesTest); controller vectors name these engines.
  it.each([['chromium', BROWSER_PLAYER], ['webkit', WEBKIT_PLAYER], ['firefox', FIREFOX_PLAYER]] as const)('%s is the shared file\'s', (engine, traits) => {
    expect(traits).toEqual(shared.engines[engine]);
  });
});

describe('browserTraits', () => {
  const agents: [string, string, typeof BROWSER_PLAYER][] = [
    ['Safari on a Mac', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', WEBKIT_PLAYER],
    ['WebKitGTK', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15', WEBKIT_PLAYER],
    ['Chrome on an iPhone (WebKit underneath)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1', WEBKIT_PLAYER],
    ['Chromium', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36', BROWSER_PLAYER],
    ['Edge', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', BROWSER_PLAYER],
    ['Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', FIREFOX_PLAYER],
    ['Firefox on Android', 'Mozilla/5.0 (Android 15; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0', FIREFOX_PLAYER],
    ['Firefox on an iPhone (WebKit underneath)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15', WEBKIT_PLAYER],
    ['nothing', '', BROWSER_PLAYER],
  ];
  for (const [name, agent, traits] of agents) it(name, () => expect(browserTraits(agent)).toBe(traits));
});
