import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The background's message handler against a fake of the chrome.* it uses: a content script gets the
 * linked account's token only from a tab joined to a room on the configured server.
 */
const SERVER = 'https://watch.example.org';
type Listener = (message: unknown, sender: unknown, reply: (r: unknown) => void) => boolean | void;

let onMessage: Listener;
let local: Record<string, unknown>;
let session: Record<string, unknown>;

function area(store: () => Record<string, unknown>) {
  return {
    get: async (keys: string | string[]) => Object.fromEntries((Array.isArray(keys) ? keys : [keys])
      .filter((k) => k in store()).map((k) => [k, store()[k]])),
    set: async (items: Record<string, unknown>) => void Object.assign(store(), items),
    remove: async (key: string) => void delete store()[key],
  };
}

function ask(message: unknown, sender: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const async = onMessage(message, sender, resolve);
    if (!async) resolve(undefined);
  });
}

beforeEach(async () => {
  vi.resetModules();
  local = {
    server: SERVER,
    [`session:${SERVER}`]: {
      accessToken: 'the-linked-accounts-token', refreshToken: 'r', accessTokenExpiresAt: Date.now() + 3_600_000,
      user: { id: 'u-ann', displayName: 'Ann', kind: 'account' }, linked: true,
    },
  };
  session = {};
  const listen = () => ({ addListener: () => undefined });
  vi.stubGlobal('__DEFAULT_SERVER__', SERVER);
  vi.stubGlobal('chrome', {
    runtime: { onMessage: { addListener: (l: Listener) => { onMessage = l; } }, onConnect: listen() },
    tabs: { onUpdated: listen(), onRemoved: listen() },
    storage: { local: area(() => local), session: area(() => session) },
  });
  vi.stubGlobal('fetch', () => Promise.reject(new Error('no server in this test')));
  await import('../src/background');
});

describe('token requests', () => {
  it('a content script in a tab nobody joined to a room gets no token', async () => {
    const reply = await ask({ type: 'token', server: SERVER, name: 'Ann' }, { tab: { id: 7 }, frameId: 0 });
    expect(JSON.stringify(reply)).not.toContain('the-linked-accounts-token');
    expect(reply).toEqual({});
  });

  it('a tab joined to a room on the configured server gets the linked account’s token', async () => {
    session['tab:7'] = { server: SERVER, roomId: 'r-1', name: 'Ann' };
    expect(await ask({ type: 'token', server: SERVER, name: 'Ann' }, { tab: { id: 7 }, frameId: 0 }))
      .toEqual({ token: 'the-linked-accounts-token' });
  });

  it('another tab, a frame of the joined tab, or another server gets nothing', async () => {
    session['tab:7'] = { server: SERVER, roomId: 'r-1', name: 'Ann' };
    expect(await ask({ type: 'token', server: SERVER, name: 'Ann' }, { tab: { id: 8 }, frameId: 0 })).toEqual({});
    expect(await ask({ type: 'token', server: SERVER, name: 'Ann' }, { tab: { id: 7 }, frameId: 2 })).toEqual({});
    expect(await ask({ type: 'token', server: 'https://evil.example', name: 'Ann' }, { tab: { id: 7 }, frameId: 0 }))
      .toEqual({});
  });
});
