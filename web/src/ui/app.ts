import { Api, LocalSessionStore, type Session } from '../net/api';
import { auth } from '../net/cowatchApi';
import { ApiError } from '../net/api';

/** What every page gets: the API client, the session and a way to move to another page. */
export interface PageContext {
  api: Api;
  sessions: LocalSessionStore;
  navigate(path: string, opts?: { replace?: boolean }): void;
}

export type Cleanup = () => void;
export type Page = (main: HTMLElement, ctx: PageContext) => Cleanup | void;

export function createApi(): { api: Api; sessions: LocalSessionStore } {
  const sessions = new LocalSessionStore();
  sessions.watchOtherTabs(window);
  // Web Locks: one tab refreshes at a time, so two tabs never present the same refresh token.
  const locks = (navigator as { locks?: { request(name: string, fn: () => Promise<unknown>): Promise<unknown> } }).locks;
  const api = new Api({
    store: sessions,
    ...(locks ? { lock: <T>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T> } : {}),
  });
  return { api, sessions };
}

/**
 * The signed-in identity, or a new guest named `nickname` when there is none (so rooms need no
 * sign-up). Undefined when the server has no accounts API: then the page joins anonymously.
 */
export async function ensureIdentity(api: Api, nickname: string): Promise<Session | undefined> {
  const current = api.session;
  if (current) return current;
  try {
    return await auth.guest(api, nickname);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return undefined;
    throw e;
  }
}
