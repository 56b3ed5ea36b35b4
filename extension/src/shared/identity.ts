import { createGuest, refresh, type Session } from './serverApi';

/** An access token this close to its end is renewed first (a join takes a moment). */
const RENEW_BEFORE_MS = 60_000;

function key(server: string): string {
  return `session:${server}`;
}

function expiresAt(s: Session): number {
  return typeof s.accessTokenExpiresAt === 'number' ? s.accessTokenExpiresAt : Date.parse(s.accessTokenExpiresAt);
}

/**
 * A usable access token for this server: the stored session's, renewed with its refresh token when
 * it is about to expire, else a new guest identity under `name` (nobody has to sign up).
 */
export async function accessToken(server: string, name: string): Promise<string> {
  const stored = (await chrome.storage.local.get(key(server)))[key(server)] as Session | undefined;
  if (stored && stored.user.displayName === name) {
    if (expiresAt(stored) - Date.now() > RENEW_BEFORE_MS) return stored.accessToken;
    try {
      const renewed = await refresh(server, stored.refreshToken);
      await chrome.storage.local.set({ [key(server)]: renewed });
      return renewed.accessToken;
    } catch {
      // The session ended (signed out, expired): a new guest below.
    }
  }
  const session = await createGuest(server, name);
  await chrome.storage.local.set({ [key(server)]: session });
  return session.accessToken;
}
