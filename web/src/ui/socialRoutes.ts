/**
 * The social pages' routes (friends, notifications, showings, history, received files); ui/router.ts asks here
 * first. The server answers index.html for each (WebRoutes.PAGES).
 */
export type SocialRoute =
  | { page: 'friends' }
  | { page: 'notifications' }
  | { page: 'showings' }
  | { page: 'planShowing' }
  | { page: 'showing'; showingId: string }
  | { page: 'history' }
  | { page: 'files' };

const SHOWING = /^\/s\/([A-Za-z0-9_-]{1,64})\/?$/;

export function matchSocialRoute(pathname: string): SocialRoute | undefined {
  const showing = SHOWING.exec(pathname);
  if (showing?.[1]) return { page: 'showing', showingId: showing[1] };
  switch (pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname) {
    case '/friends': return { page: 'friends' };
    case '/notifications': return { page: 'notifications' };
    case '/showings': return { page: 'showings' };
    case '/showings/new': return { page: 'planShowing' };
    case '/history': return { page: 'history' };
    case '/files': return { page: 'files' };
    default: return undefined;
  }
}
