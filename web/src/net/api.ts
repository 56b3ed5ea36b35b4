/**
 * The HTTP API client (docs/api.md): JSON in and out, `Authorization: Bearer` from the stored
 * session, one refresh on a 401 (shared by every call waiting on it), and RFC 9457 problems read
 * into {@link ApiError}.
 */

export interface User {
  id: string;
  kind: 'account' | 'guest';
  displayName: string;
  email?: string;
  emailVerified: boolean;
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  user: User;
}

export interface FieldError {
  field: string;
  message: string;
}

const PROBLEM_BASE = 'https://cowatch.dev/problems/';

/** A refused or failed request. `slug` is the problem type's last part (`invalid-credentials`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  get slug(): string {
    return this.type.startsWith(PROBLEM_BASE) ? this.type.slice(PROBLEM_BASE.length) : this.type;
  }

  /** The message for one form field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

/** Status 0: the server was not reached. */
export const NETWORK = 'network';

/** Reads a failed response: a problem document if there is one, else the status line. */
export async function readProblem(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object') {
    const p = body as Record<string, unknown>;
    const errors = Array.isArray(p['errors'])
      ? (p['errors'] as unknown[]).filter((e): e is FieldError =>
        typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string' && typeof (e as FieldError).message === 'string')
      : [];
    return new ApiError(res.status, str(p['type']) ?? `http-${res.status}`, str(p['title']) ?? res.statusText,
      str(p['detail']), errors, retryAfter);
  }
  return new ApiError(res.status, `http-${res.status}`, res.statusText || `HTTP ${res.status}`, undefined, [], retryAfter);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Where the session lives; injected so tests use memory. */
export interface SessionStore {
  get(): Session | undefined;
  set(session: Session | undefined): void;
}

const SESSION_KEY = 'cowatch.session';

/**
 * The session in localStorage, shared by the tabs of one browser. Read on every use, so a token
 * another tab refreshed is picked up.
 */
export class LocalSessionStore implements SessionStore {
  private readonly listeners = new Set<(s: Session | undefined) => void>();

  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {}

  get(): Session | undefined {
    try {
      const raw = this.storage?.getItem(SESSION_KEY);
      if (!raw) return undefined;
      const s = JSON.parse(raw) as Session;
      return typeof s?.accessToken === 'string' && typeof s.refreshToken === 'string' && s.user ? s : undefined;
    } catch {
      return undefined;
    }
  }

  set(session: Session | undefined): void {
    try {
      if (session) this.storage?.setItem(SESSION_KEY, JSON.stringify(session));
      else this.storage?.removeItem(SESSION_KEY);
    } catch {
      // not remembered beyond this page
    }
    this.listeners.forEach((l) => l(session));
  }

  /** Changes made here, and (with {@link watchOtherTabs}) in other tabs. */
  onChange(listener: (s: Session | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watchOtherTabs(target: Pick<Window, 'addEventListener'>): void {
    target.addEventListener('storage', (e) => {
      if ((e as StorageEvent).key === SESSION_KEY || (e as StorageEvent).key === null) {
        const s = this.get();
        this.listeners.forEach((l) => l(s));
      }
    });
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export interface ApiOptions {
  store: SessionStore;
  fetch?: typeof fetch;
  now?: () => number;
  base?: string;
  /** Serializes refreshes across tabs (Web Locks); absent in tests and old browsers. */
  lock?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
}

export interface RequestOptions {
  /** Send the access token (default true when signed in). */
  auth?: boolean;
}

/** An access token this close to its expiry is refreshed before use rather than after a 401. */
const EXPIRY_MARGIN_MS = 30_000;

export class Api {
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly base: string;
  private refreshing: Promise<Session | undefined> | undefined;

  constructor(private readonly options: ApiOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
    this.base = options.base ?? '';
  }

  get session(): Session | undefined {
    return this.options.store.get();
  }

  get user(): User | undefined {
    return this.session?.user;
  }

  /** Stores a session the server just issued (sign-in, sign-up, guest, upgrade). */
  signedIn(session: Session): Session {
    this.options.store.set(session);
    return session;
  }

  /** Forgets the session locally (the server side is ended by the caller, if it can be). */
  signedOut(): void {
    this.options.store.set(undefined);
  }

  /** Replaces the stored user (after a profile change or verification). */
  updateUser(user: User): void {
    const s = this.session;
    if (s && s.user.id === user.id) this.options.store.set({ ...s, user });
  }

  get<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, opts);
  }

  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, opts);
  }

  patch<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, opts);
  }

  put<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, opts);
  }

  delete<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, opts);
  }

  /** An access token valid for a while yet (refreshed if it is about to expire), or none. */
  async accessToken(): Promise<string | undefined> {
    const s = this.session;
    if (!s) return undefined;
    if (s.accessTokenExpiresAt - EXPIRY_MARGIN_MS > this.now()) return s.accessToken;
    return (await this.refresh(s.accessToken))?.accessToken;
  }

  async request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const auth = opts.auth ?? true;
    const token = auth ? await this.accessToken() : undefined;
    let res = await this.send(method, path, body, token);
    if (res.status === 401 && token) {
      const renewed = await this.refresh(token);
      if (renewed) res = await this.send(method, path, body, renewed.accessToken);
    }
    if (!res.ok) throw await readProblem(res);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * A new session from the refresh token, after `staleToken` was refused or is about to expire.
   * Concurrent callers share one refresh: refresh tokens are single use, and presenting one twice
   * would end the whole session family. When the stored token is no longer `staleToken`, someone
   * (another call or tab) has refreshed already and that session is used as it is.
   */
  refresh(staleToken: string): Promise<Session | undefined> {
    const current = this.session;
    if (current && current.accessToken !== staleToken) return Promise.resolve(current);
    if (!this.refreshing) {
      const run = () => this.doRefresh(staleToken);
      const pending = (this.options.lock ? this.options.lock('cowatch-refresh', run) : run());
      this.refreshing = pending.finally(() => (this.refreshing = undefined));
    }
    return this.refreshing;
  }

  private async doRefresh(staleToken: string): Promise<Session | undefined> {
    const s = this.session; // read again: inside the lock another tab may have refreshed
    if (!s) return undefined;
    if (s.accessToken !== staleToken) return s;
    let res: Response;
    try {
      res = await this.send('POST', '/api/auth/refresh', { refreshToken: s.refreshToken }, undefined);
    } catch (e) {
      if (e instanceof ApiError) return undefined; // offline: keep the session for later
      throw e;
    }
    if (res.ok) return this.signedIn((await res.json()) as Session);
    if (res.status === 400 || res.status === 401) this.signedOut(); // revoked, expired or reused
    return undefined;
  }

  private async send(method: string, path: string, body: unknown, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers['Authorization'] = `Bearer ${token}`;
    try {
      return await this.fetchFn(this.base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (e) {
      throw new ApiError(0, NETWORK, 'Network error', e instanceof Error ? e.message : String(e));
    }
  }
}
