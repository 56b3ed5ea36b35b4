/** The Cowatch REST calls the extension makes (docs/api.md), from its own pages and background. */

export interface Session {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: number | string;
  readonly refreshToken: string;
  readonly user: { readonly id: string; readonly displayName: string; readonly kind: string };
}

export interface CreatedRoom {
  readonly id: string;
  readonly name: string;
}

/** A refusal of the server, with its problem+json detail when it sent one. */
export class ServerError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

async function post<T>(server: string, path: string, body: unknown, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, server), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ServerError(0, `Cowatch at ${server} does not answer.`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const detail = (json as { detail?: unknown; title?: unknown } | undefined);
    const message = typeof detail?.detail === 'string' ? detail.detail : typeof detail?.title === 'string' ? detail.title : `HTTP ${res.status}`;
    throw new ServerError(res.status, message);
  }
  return json as T;
}

export function createGuest(server: string, displayName: string): Promise<Session> {
  return post<Session>(server, '/api/auth/guest', { displayName });
}

/** A session of its own for the identity of `webAccessToken` (the web app's): POST /api/auth/link-device. */
export function linkDevice(server: string, webAccessToken: string): Promise<Session> {
  return post<Session>(server, '/api/auth/link-device', {}, webAccessToken);
}

/** Ends the extension's own session on the server (its refresh family). */
export function logout(server: string, refreshToken: string): Promise<void> {
  return post<void>(server, '/api/auth/logout', { refreshToken });
}

export function refresh(server: string, refreshToken: string): Promise<Session> {
  return post<Session>(server, '/api/auth/refresh', { refreshToken });
}

/** A room whose media is the page's address; the caller owns it. */
export function createRoom(server: string, token: string, name: string, pageAddress: string): Promise<CreatedRoom> {
  return post<CreatedRoom>(server, '/api/rooms', { name, mediaId: pageAddress }, token);
}
