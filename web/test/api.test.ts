import { describe, expect, it } from 'vitest';
import { Api, ApiError, LocalSessionStore, type Session, type SessionStore } from '../src/net/api';

class MemoryStore implements SessionStore {
  constructor(public session?: Session) {}
  get() {
    return this.session;
  }
  set(s: Session | undefined) {
    this.session = s;
  }
}

const user = { id: 'u1', kind: 'account' as const, displayName: 'Ann', email: 'ann@example.org', emailVerified: true };
const session = (n: number, expiresAt = 10_000_000): Session => ({ accessToken: `a${n}`, accessTokenExpiresAt: expiresAt, refreshToken: `r${n}`, user });

interface Call { method: string; url: string; auth: string | undefined; body: unknown }

/** A fake server: `/api/auth/refresh` rotates r{n} -> session n+1 once; other routes accept only the current access token. */
function fakeServer(initial: number) {
  let current = initial;
  const calls: Call[] = [];
  const used = new Set<string>();
  let gate: Promise<void> = Promise.resolve();
  const fetchFn = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: init?.method ?? 'GET', url: String(url), auth: headers['Authorization'], body });
    await gate;
    if (String(url) === '/api/auth/refresh') {
      const token = (body as { refreshToken: string }).refreshToken;
      if (used.has(token) || token !== `r${current}`) return problem(401, 'invalid-refresh-token');
      used.add(token);
      current++;
      return json(200, session(current));
    }
    if (headers['Authorization'] !== `Bearer a${current}`) return problem(401, 'unauthorized');
    if (String(url) === '/api/me/rooms') return json(200, { rooms: [] });
    if (String(url) === '/api/rooms/x/members/u2/kick') return new Response(null, { status: 204 });
    return json(200, { ok: true });
  };
  return {
    fetchFn, calls,
    refreshCalls: () => calls.filter((c) => c.url === '/api/auth/refresh'),
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => release();
    },
    get current() {
      return current;
    },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(status: number, slug: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: `https://cowatch.dev/problems/${slug}`, title: slug, status, ...extra }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

describe('Api', () => {
  it('sends the access token as a bearer token', async () => {
    const server = fakeServer(1);
    const api = new Api({ store: new MemoryStore(session(1)), fetch: server.fetchFn as typeof fetch, now: () => 0 });
    await api.get('/api/me/rooms');
    expect(server.calls[0]).toMatchObject({ method: 'GET', url: '/api/me/rooms', auth: 'Bearer a1' });
  });

  /** The server has moved on from this access token (it expired) but still takes r1. */
  const stale = (): Session => ({ ...session(1), accessToken: 'expired' });

  it('on a 401 refreshes once, stores the rotated session and repeats the call', async () => {
    const server = fakeServer(1);
    const store = new MemoryStore(stale());
    const api = new Api({ store, fetch: server.fetchFn as typeof fetch, now: () => 0 });
    await expect(api.post('/api/rooms/x/members/u2/kick')).resolves.toBeUndefined();
    expect(server.refreshCalls()).toHaveLength(1);
    expect(server.refreshCalls()[0]!.body).toEqual({ refreshToken: 'r1' });
    expect(store.session).toMatchObject({ accessToken: 'a2', refreshToken: 'r2' });
    expect(server.calls.map((c) => c.auth ?? 'none')).toEqual(['Bearer expired', 'none', 'Bearer a2']);
  });

  it('shares one refresh among concurrent calls that all got 401', async () => {
    const server = fakeServer(1);
    const store = new MemoryStore(stale());
    const api = new Api({ store, fetch: server.fetchFn as typeof fetch, now: () => 0 });
    const release = server.hold(); // every response waits: all three calls are refused together
    const pending = Promise.all([api.get('/api/a'), api.get('/api/b'), api.get('/api/c')]);
    await new Promise((r) => setTimeout(r, 5));
    release();
    expect(await pending).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(server.refreshCalls()).toHaveLength(1);
    expect(store.session?.refreshToken).toBe('r2');
  });

  it('uses a session another caller already refreshed instead of presenting a used refresh token', async () => {
    const server = fakeServer(1);
    const store = new MemoryStore(session(1));
    const api = new Api({ store, fetch: server.fetchFn as typeof fetch, now: () => 0 });
    store.set(session(2)); // another tab refreshed meanwhile
    await expect(api.refresh('a1')).resolves.toMatchObject({ accessToken: 'a2' });
    expect(server.refreshCalls()).toHaveLength(0);
  });

  it('refreshes before the call when the access token is about to expire', async () => {
    const server = fakeServer(1);
    const store = new MemoryStore(session(1, 1_000));
    const api = new Api({ store, fetch: server.fetchFn as typeof fetch, now: () => 990 });
    await api.get('/api/me/rooms');
    expect(server.calls.map((c) => c.url)).toEqual(['/api/auth/refresh', '/api/me/rooms']);
    expect(server.calls[1]!.auth).toBe('Bearer a2');
  });

  it('signs out when the refresh token is refused, and reports the original 401', async () => {
    const store = new MemoryStore(session(1));
    const fetchFn = (async (url: string) =>
      String(url) === '/api/auth/refresh' ? problem(401, 'invalid-refresh-token') : problem(401, 'unauthorized', { detail: 'token expired' })) as typeof fetch;
    const api = new Api({ store, fetch: fetchFn, now: () => 0 });
    const error = await api.get('/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).detail).toBe('token expired');
    expect(store.session).toBeUndefined();
  });

  it('does not refresh for calls made without a session', async () => {
    const calls: string[] = [];
    const fetchFn = (async (url: string) => {
      calls.push(String(url));
      return problem(401, 'invalid-credentials', { detail: 'wrong email or password' });
    }) as typeof fetch;
    const api = new Api({ store: new MemoryStore(), fetch: fetchFn });
    const error = (await api.post('/api/auth/login', { email: 'a', password: 'b' }, { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(error.slug).toBe('invalid-credentials');
    expect(calls).toEqual(['/api/auth/login']);
  });

  it('reads problem details: detail, per-field errors and Retry-After', async () => {
    const fetchFn = (async () => problem(422, 'validation', {
      detail: 'check the fields', errors: [{ field: 'password', message: 'too short' }, { bogus: 1 }],
    }, { 'Retry-After': '30' })) as typeof fetch;
    const api = new Api({ store: new MemoryStore(), fetch: fetchFn });
    const error = (await api.post('/api/auth/register', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(422);
    expect(error.slug).toBe('validation');
    expect(error.message).toBe('check the fields');
    expect(error.errors).toEqual([{ field: 'password', message: 'too short' }]);
    expect(error.fieldMessage('password')).toBe('too short');
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('turns a body that is not a problem into an error with the status line', async () => {
    const fetchFn = (async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })) as typeof fetch;
    const error = (await new Api({ store: new MemoryStore(), fetch: fetchFn }).get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toBe('Bad Gateway');
  });

  it('reports an unreachable server as status 0', async () => {
    const fetchFn = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const error = (await new Api({ store: new MemoryStore(), fetch: fetchFn }).get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.slug).toBe('network');
  });
});

describe('LocalSessionStore', () => {
  it('keeps the session in storage and tells listeners', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    } as unknown as Storage;
    const store = new LocalSessionStore(storage);
    const seen: unknown[] = [];
    store.onChange((s) => seen.push(s?.accessToken));
    store.set(session(1));
    expect(new LocalSessionStore(storage).get()?.refreshToken).toBe('r1');
    store.set(undefined);
    expect(store.get()).toBeUndefined();
    expect(seen).toEqual(['a1', undefined]);
    data.set('cowatch.session', '{not json');
    expect(store.get()).toBeUndefined();
  });
});
