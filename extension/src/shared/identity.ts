import { createGuest, linkDevice, logout, refresh, type Session } from './serverApi';

/** An access token this close to its end is renewed first (a join takes a moment). */
const RENEW_BEFORE_MS = 60_000;

/**
 * The extension's session on a server, in storage.local (the extension's own storage: no web page, not
 * even the Cowatch server's, can read it). `linked`: the account the web app is signed in with on that
 * server, as a session of the extension's own (POST /api/auth/link-device); otherwise a guest.
 */
export interface StoredSession extends Session {
  readonly linked?: boolean;
}

function key(server: string): string {
  return `session:${server}`;
}

function expiresAt(s: Session): number {
  return typeof s.accessTokenExpiresAt === 'number' ? s.accessTokenExpiresAt : Date.parse(s.accessTokenExpiresAt);
}

async function stored(server: string): Promise<StoredSession | undefined> {
  return (await chrome.storage.local.get(key(server)))[key(server)] as StoredSession | undefined;
}

/** The web app's account the extension acts as on this server, if any. */
export async function linkedAccount(server: string): Promise<StoredSession | undefined> {
  const s = await stored(server);
  return s?.linked ? s : undefined;
}

/**
 * The web app on `server` is signed in as the account of `webAccessToken` (its content script read it there):
 * the extension takes a session of its own for that account, unless it has one already.
 */
export async function adoptWebAccount(server: string, userId: string, webAccessToken: string): Promise<void> {
  const current = await stored(server);
  if (current?.linked && current.user.id === userId) return;
  const session = await linkDevice(server, webAccessToken);
  await chrome.storage.local.set({ [key(server)]: { ...session, linked: true } satisfies StoredSession });
  if (current?.linked) await logout(server, current.refreshToken).catch(() => undefined);
}

/** The web app signed out on this server: so does the extension's linked session (a guest takes over next time). */
export async function forgetWebAccount(server: string): Promise<void> {
  const current = await linkedAccount(server);
  if (!current) return;
  await chrome.storage.local.remove(key(server));
  await logout(server, current.refreshToken).catch(() => undefined);
}

/**
 * A usable access token for this server: the stored session's (the web app's account, or a guest under
 * `name`), renewed with its refresh token when it is about to expire, else a new guest identity under
 * `name` (nobody has to sign up).
 */
export async function accessToken(server: string, name: string): Promise<string> {
  const s = await stored(server);
  if (s && (s.linked || s.user.displayName === name)) {
    if (expiresAt(s) - Date.now() > RENEW_BEFORE_MS) return s.accessToken;
    try {
      const renewed = await refresh(server, s.refreshToken);
      await chrome.storage.local.set({ [key(server)]: { ...renewed, linked: s.linked } satisfies StoredSession });
      return renewed.accessToken;
    } catch {
      // The session ended (signed out everywhere, expired): a new guest below.
    }
  }
  const session = await createGuest(server, name);
  await chrome.storage.local.set({ [key(server)]: session });
  return session.accessToken;
}
