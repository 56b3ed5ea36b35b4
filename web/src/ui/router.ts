import { matchSocialRoute, type SocialRoute } from './socialRoutes';

/** Client-side routes; the server answers index.html for each of these paths (WebRoutes). */
export type Route =
  | SocialRoute
  | { page: 'home' }
  | { page: 'room'; roomId: string }
  | { page: 'signup'; next?: string }
  | { page: 'signin'; next?: string }
  | { page: 'verify'; token?: string }
  | { page: 'resetPassword'; token?: string }
  | { page: 'me' }
  | { page: 'rooms' }
  | { page: 'media' }
  | { page: 'directory'; q?: string }
  | { page: 'invite'; token: string }
  | { page: 'admin' }
  | { page: 'notFound' };

const ROOM = /^\/r\/([A-Za-z0-9_-]{4,64})\/?$/;
const INVITE = /^\/i\/([A-Za-z0-9_.~-]{1,512})\/?$/;

export function matchRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const param = (name: string) => params.get(name) || undefined;
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  const room = ROOM.exec(pathname);
  if (room?.[1]) return { page: 'room', roomId: room[1] };
  const invite = INVITE.exec(pathname);
  if (invite?.[1]) return { page: 'invite', token: invite[1] };
  const social = matchSocialRoute(pathname);
  if (social) return social;
  switch (path) {
    case '/': return { page: 'home' };
    case '/signup': return withOptional({ page: 'signup' }, 'next', safeNext(param('next')));
    case '/signin': return withOptional({ page: 'signin' }, 'next', safeNext(param('next')));
    case '/verify': return withOptional({ page: 'verify' }, 'token', param('token'));
    case '/reset-password': return withOptional({ page: 'resetPassword' }, 'token', param('token'));
    case '/me': return { page: 'me' };
    case '/rooms': return { page: 'rooms' };
    case '/media': return { page: 'media' };
    case '/directory': return withOptional({ page: 'directory' }, 'q', param('q'));
    case '/admin': return { page: 'admin' };
    default: return { page: 'notFound' };
  }
}

function withOptional<R extends Route, K extends string>(route: R, key: K, value: string | undefined): R {
  return value === undefined ? route : { ...route, [key]: value };
}

/**
 * Where to go after signing in: only a path on this site (`/r/x`, `/i/y`), never `//evil.example`
 * or `https://...`, so a crafted link cannot send someone elsewhere.
 */
export function safeNext(next: string | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  return next;
}

/** `/signin?next=/i/abc` */
export function withNext(path: string, next: string | undefined): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
