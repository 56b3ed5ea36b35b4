import type { Session } from '../net/api';
import type { MessageKey } from '../i18n/i18n';
import type { Cleanup, PageContext } from './app';
import { h, i18n } from './dom';
import { friendsPage } from './friends';
import { historyPage } from './history';
import { storedFilesPage } from './storedFilesPage';
import { notificationCenter, notificationsPage } from './notifications';
import { planShowingPage } from './showingForm';
import { showingPage } from './showingPage';
import { myShowingsPage } from './showings';
import type { SocialRoute } from './socialRoutes';

export { notificationCenter };

/** Opens one of the social pages. */
export function socialPage(route: SocialRoute, main: HTMLElement, ctx: PageContext): Cleanup | void {
  switch (route.page) {
    case 'friends': return friendsPage(main, ctx);
    case 'notifications': return notificationsPage(main, ctx);
    case 'showings': return myShowingsPage(main, ctx);
    case 'planShowing': return planShowingPage(main, ctx);
    case 'showing': return showingPage(main, ctx, route.showingId);
    case 'history': return historyPage(main, ctx);
    case 'files': return storedFilesPage(main);
  }
}

/**
 * The header's social links: showings, friends and the notification bell for accounts; the
 * history for anyone with an identity (guests have one too).
 */
export function socialNavLinks(session: Session | undefined, path: string): Node[] {
  if (!session) return [];
  const link = (href: string, key: MessageKey, id: string) => {
    const a = i18n(h('a', { href, id }), key);
    if (path === href || (href === '/showings' && path.startsWith('/s/'))) a.setAttribute('aria-current', 'page');
    return a;
  };
  const history = link('/history', 'nav.history', 'nav-history');
  if (session.user.kind !== 'account') return [history];
  return [link('/showings', 'nav.showings', 'nav-showings'), link('/friends', 'nav.friends', 'nav-friends'), history,
    notificationCenter.element];
}
